package io.clientbook.analytics.projection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.Map;

/** The one currency analytics reports in, and what other currencies are worth in it. */
@ConfigMapping(prefix = "clientbook.analytics.currency")
public interface CurrencyConfig {

    /** ISO 4217 code every amount is converted to (CLV, spend, totals). */
    @WithDefault("USD")
    String reporting();

    /**
     * Units of the reporting currency per unit of another currency, e.g. {@code clientbook.analytics.currency.rates.EUR=1.08}.
     * An order in a currency without a rate still counts as a purchase; its amount is left out of spend.
     */
    Map<String, BigDecimal> rates();
}
