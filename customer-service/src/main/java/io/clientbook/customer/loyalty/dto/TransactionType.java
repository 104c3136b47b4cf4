package io.clientbook.customer.loyalty.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** Kinds of ledger lines. Clients post redeem and adjust; the others come from orders, referrals and time. */
public enum TransactionType implements ApiEnum {
    EARN, REDEEM, ADJUST, EXPIRE, REVERSE, REFERRAL;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static TransactionType parse(String text) {
        return ApiEnum.parse(TransactionType.class, text);
    }
}
