package io.clientbook.customer.customer.dto;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An e-mail address; at most one of a customer's addresses is primary. */
public record EmailAddressDto(@NotBlank @Email @Size(max = 254) String address, boolean primary) {
}
