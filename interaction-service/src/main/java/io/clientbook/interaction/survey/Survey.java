package io.clientbook.interaction.survey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "survey")
class Survey {

    @Id
    UUID id;
    String name;
    @Enumerated(EnumType.STRING)
    SurveyKind kind;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    List<String> questions;
    @Version
    long version;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
}
