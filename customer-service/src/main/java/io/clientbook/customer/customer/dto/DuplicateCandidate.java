package io.clientbook.customer.customer.dto;

import java.util.List;
import java.util.UUID;

/** An existing customer sharing a normalised e-mail, phone or external id with a new one. */
public record DuplicateCandidate(UUID id, String displayName, List<String> matchedOn) {
}
