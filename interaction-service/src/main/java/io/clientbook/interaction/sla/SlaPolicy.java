package io.clientbook.interaction.sla;

import io.clientbook.interaction.sla.dto.PolicyCondition;
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

@Entity
@Table(name = "sla_policy")
class SlaPolicy {

    @Id
    UUID id;
    String name;
    int rank;
    boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    PolicyCondition condition;
    @Column(name = "first_response_minutes")
    int firstResponseMinutes;
    @Column(name = "resolution_minutes")
    int resolutionMinutes;
    @Column(name = "calendar_id")
    UUID calendarId;
    @Version
    long version;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
}
