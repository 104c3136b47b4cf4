package io.clientbook.customer.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Privacy settings. */
@ConfigMapping(prefix = "clientbook.privacy")
public interface PrivacyConfig {

    /**
     * The services that hold customer data and must confirm each erasure (customer-service confirms its
     * own part at once). A service added to the suite is added here.
     */
    @WithDefault("customer-service,interaction-service,analytics-service")
    List<String> erasingServices();
}
