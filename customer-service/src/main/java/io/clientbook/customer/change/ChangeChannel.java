package io.clientbook.customer.change;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/**
 * Through which door a change came: a person using the API, a shop or system sync, analytics, a merge,
 * loyalty, or interaction-service (a consent revoked by an unsubscribe or a bounce).
 */
public enum ChangeChannel implements ApiEnum {
    API, SYNC, ANALYTICS, MERGE, LOYALTY, INTERACTION;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static ChangeChannel parse(String text) {
        return ApiEnum.parse(ChangeChannel.class, text);
    }
}
