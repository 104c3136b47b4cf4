package io.clientbook.customer.order.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** Where the order was placed. */
public enum SalesChannel implements ApiEnum {
    ONLINE, STORE, DIRECT;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static SalesChannel parse(String text) {
        return ApiEnum.parse(SalesChannel.class, text);
    }
}
