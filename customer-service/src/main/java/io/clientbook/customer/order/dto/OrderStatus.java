package io.clientbook.customer.order.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

public enum OrderStatus implements ApiEnum {
    PLACED, PAID, FULFILLED, CANCELLED, REFUNDED;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static OrderStatus parse(String text) {
        return ApiEnum.parse(OrderStatus.class, text);
    }
}
