package io.clientbook.analytics.fit.dto;

import io.clientbook.analytics.model.BgNbd;
import io.clientbook.analytics.model.GammaGamma;
import io.clientbook.analytics.model.ParetoNbd;
import io.clientbook.analytics.model.PurchaseModel;
import io.clientbook.analytics.model.TimeUnit;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A completed fit, ready to score with. */
public record FittedModel(UUID id, String model, int version, LocalDate calibrationEnd, TimeUnit timeUnit,
                          Map<String, Double> parameters) {

    public boolean isPurchaseModel() {
        return !GammaGamma.NAME.equals(model);
    }

    public Optional<PurchaseModel> purchaseModel() {
        return switch (model) {
            case BgNbd.NAME -> Optional.of(BgNbd.of(parameters));
            case ParetoNbd.NAME -> Optional.of(ParetoNbd.of(parameters));
            default -> Optional.empty();
        };
    }

    public Optional<GammaGamma> spendModel() {
        return GammaGamma.NAME.equals(model) ? Optional.of(GammaGamma.of(parameters)) : Optional.empty();
    }
}
