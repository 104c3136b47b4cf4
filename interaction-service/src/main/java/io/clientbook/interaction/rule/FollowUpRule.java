package io.clientbook.interaction.rule;

import io.clientbook.interaction.rule.dto.RuleAction;
import io.clientbook.interaction.rule.dto.RuleCondition;
import io.clientbook.interaction.rule.dto.RuleTrigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.UUID;

/** A cadence rule as data; trigger, condition and action are jsonb values in the API's shape, replaced whole. */
@Entity
@Table(name = "follow_up_rule")
class FollowUpRule {

    @Id
    UUID id;
    String name;
    String description;
    boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    RuleTrigger trigger;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    RuleCondition condition;
    @Column(name = "delay_days")
    int delayDays;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    RuleAction action;
    @Column(name = "team_id")
    UUID teamId;
    @Version
    long version;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
}
