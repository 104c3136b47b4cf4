package io.clientbook.customer.customer.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** Where the customer is in the relationship; normally written by analytics. */
public enum LifecycleStage implements ApiEnum {
    PROSPECT, NEW, REPEAT, LOYAL, AT_RISK, CHURNED, WON_BACK;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static LifecycleStage parse(String text) {
        return ApiEnum.parse(LifecycleStage.class, text);
    }
}
