package io.clientbook.customer.customer.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** A way to reach a customer. */
public enum ContactChannel implements ApiEnum {
    EMAIL, SMS, PHONE, MAIL, VISIT, CHAT;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static ContactChannel parse(String text) {
        return ApiEnum.parse(ContactChannel.class, text);
    }
}
