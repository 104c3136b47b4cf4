package io.clientbook.customer.imports.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** What an import file holds. */
public enum ImportKind implements ApiEnum {
    CUSTOMERS, ORDERS;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static ImportKind parse(String text) {
        return ApiEnum.parse(ImportKind.class, text);
    }
}
