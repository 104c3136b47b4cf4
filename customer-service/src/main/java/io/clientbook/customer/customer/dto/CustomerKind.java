package io.clientbook.customer.customer.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** A person, or a company (which persons may belong to). */
public enum CustomerKind implements ApiEnum {
    PERSON, COMPANY;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static CustomerKind parse(String text) {
        return ApiEnum.parse(CustomerKind.class, text);
    }
}
