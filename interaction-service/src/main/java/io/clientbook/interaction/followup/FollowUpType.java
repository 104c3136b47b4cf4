package io.clientbook.interaction.followup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** What a follow-up is for. */
public enum FollowUpType implements ApiEnum {
    CALLBACK, VISIT, CARE, WIN_BACK, RENEWAL, SURVEY, OTHER;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static FollowUpType parse(String text) {
        return ApiEnum.parse(FollowUpType.class, text);
    }
}
