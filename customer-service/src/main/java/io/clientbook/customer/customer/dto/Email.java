package io.clientbook.customer.customer.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An e-mail address of a customer; stored in lower case. At most one is primary. */
public record Email(@NotBlank @jakarta.validation.constraints.Email @Size(max = 254) String address,
                    @Size(max = 40) String label, boolean primary) {

    public Email {
        address = address == null ? null : address.strip();
    }
}
