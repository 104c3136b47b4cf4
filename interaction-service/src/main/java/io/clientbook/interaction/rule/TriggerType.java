package io.clientbook.interaction.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/**
 * What sets a rule off. Event triggers fire when the event arrives; calendar triggers (birthday, purchase
 * anniversary, holiday) on the day in the customer's time zone; recurring triggers once per period.
 */
public enum TriggerType implements ApiEnum {
    /** An event by name: {@code order.recorded}, {@code customer.created}, {@code ticket.resolved}. */
    EVENT,
    /** The customer's tier became {@code to}. */
    TIER_CHANGED,
    /** The customer's lifecycle stage became {@code to}. */
    LIFECYCLE_CHANGED,
    /** Analytics' segment became {@code to} (customer.segment.changed). */
    SEGMENT_CHANGED,
    /** Analytics' churn level became {@code to} (low, medium, high). */
    CHURN_RISK_CHANGED,
    BIRTHDAY,
    PURCHASE_ANNIVERSARY,
    /** Every year on {@code date} ("MM-DD"), named {@code name}. */
    HOLIDAY,
    /** Every {@code everyDays} days for every customer who meets the condition. */
    RECURRING;

    public boolean calendar() {
        return this == BIRTHDAY || this == PURCHASE_ANNIVERSARY || this == HOLIDAY || this == RECURRING;
    }

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static TriggerType parse(String text) {
        return ApiEnum.parse(TriggerType.class, text);
    }
}
