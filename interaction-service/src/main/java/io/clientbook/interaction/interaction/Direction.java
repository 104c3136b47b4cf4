package io.clientbook.interaction.interaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** Who started the contact: the customer (inbound) or the company (outbound). */
public enum Direction implements ApiEnum {
    INBOUND, OUTBOUND;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static Direction parse(String text) {
        return ApiEnum.parse(Direction.class, text);
    }
}
