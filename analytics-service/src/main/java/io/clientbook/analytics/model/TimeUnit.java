package io.clientbook.analytics.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** The unit the models count time in: whole UTC days, or those days divided by 7. */
public enum TimeUnit implements ApiEnum {
    DAYS(1), WEEKS(7);

    private final int days;

    TimeUnit(int days) {
        this.days = days;
    }

    /** Days in one unit. */
    public int days() {
        return days;
    }

    /** A number of whole days in this unit. */
    public double of(long days) {
        return (double) days / this.days;
    }

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static TimeUnit parse(String text) {
        return ApiEnum.parse(TimeUnit.class, text);
    }
}
