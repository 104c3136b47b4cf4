package io.clientbook.interaction.sla;

import io.clientbook.interaction.sla.dto.HoursSpan;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "business_calendar")
class BusinessCalendar {

    @Id
    UUID id;
    String name;
    @Column(name = "time_zone")
    String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "working_hours")
    Map<String, List<HoursSpan>> workingHours;
    /** ISO dates. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    List<String> holidays;
    @Version
    long version;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
}
