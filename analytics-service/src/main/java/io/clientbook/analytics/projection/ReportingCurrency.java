package io.clientbook.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/** Converts order totals to the reporting currency with the configured rates. */
@ApplicationScoped
public class ReportingCurrency {

    private final CurrencyConfig config;

    ReportingCurrency(CurrencyConfig config) {
        this.config = config;
    }

    public String code() {
        return config.reporting().toUpperCase(Locale.ROOT);
    }

    /** The amount in the reporting currency; empty when there is no rate for {@code currency}. */
    public Optional<BigDecimal> convert(String currency, BigDecimal amount) {
        String from = currency.toUpperCase(Locale.ROOT);
        if (from.equals(code())) {
            return Optional.of(amount);
        }
        return Optional.ofNullable(config.rates().get(from)).map(rate -> amount.multiply(rate).setScale(4, RoundingMode.HALF_EVEN));
    }
}
