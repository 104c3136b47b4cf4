package io.clientbook.customer.customer.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A phone number, normalised to E.164 ({@code +14155550100}). {@code valid} is set by the service: a
 * number from a shop sync or import that cannot be parsed is kept as given with {@code valid: false}.
 */
public record Phone(@NotBlank @Size(max = 40) String number, @Size(max = 40) String label, boolean primary,
                    Boolean valid) {

    public Phone {
        number = number == null ? null : number.strip();
    }
}
