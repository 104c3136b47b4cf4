package io.clientbook.customer.customer.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer as the API shows it. */
public record CustomerView(UUID id, String displayName, List<EmailAddressDto> emails, String ownerId,
                           Instant createdAt, Instant updatedAt) {
}
