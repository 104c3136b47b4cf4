package io.clientbook.customer.customer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** customer-service settings. */
@ConfigMapping(prefix = "clientbook.customer")
public interface CustomerConfig {

    /** Region (ISO 3166-1) for phone numbers written without a country code, when the customer has no address country. */
    @WithDefault("US")
    String defaultPhoneRegion();

    /** How similar (pg_trgm word similarity, 0 to 1) a name must be to match a search with a typo. */
    @WithDefault("0.5")
    double searchSimilarity();

    /** Items accepted by one batch upsert. */
    @WithDefault("1000")
    int maxBatchSize();
}
