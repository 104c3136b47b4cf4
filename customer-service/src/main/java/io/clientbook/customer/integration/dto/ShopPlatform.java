package io.clientbook.customer.integration.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** The shop systems Clientbook takes webhooks from. */
public enum ShopPlatform implements ApiEnum {
    SHOPIFY, WOOCOMMERCE;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static ShopPlatform parse(String text) {
        return ApiEnum.parse(ShopPlatform.class, text);
    }
}
