package io.clientbook.customer.customer.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /api/v1/customers}. */
public record CreateCustomerRequest(
        @NotBlank @Size(max = 200) String displayName,
        @Size(max = 20) List<@Valid EmailAddressDto> emails,
        @Size(max = 100) String ownerId) {

    public List<EmailAddressDto> emailsOrEmpty() {
        return emails == null ? List.of() : emails;
    }
}
