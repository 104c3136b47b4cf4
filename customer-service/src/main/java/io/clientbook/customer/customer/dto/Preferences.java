package io.clientbook.customer.customer.dto;

import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * How and about what the customer likes to be contacted.
 *
 * @param preferredChannel email, sms, phone, mail, visit or chat
 * @param contactTime      free text such as "weekday evenings"
 */
public record Preferences(ContactChannel preferredChannel, @Size(max = 100) String contactTime,
                          @Size(max = 50) List<@Size(max = 100) String> productCategories,
                          @Size(max = 50) List<@Size(max = 100) String> interests) {
}
