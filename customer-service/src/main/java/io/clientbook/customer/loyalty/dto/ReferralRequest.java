package io.clientbook.customer.loyalty.dto;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** {@code POST /customers/{id}/loyalty/referrals}: this customer referred another one. */
@Schema(name = "ReferralRequest")
public record ReferralRequest(@NotNull UUID referredCustomerId) {
}
