package io.clientbook.interaction.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** What a rule produces: a follow-up task for a person, or a care message for a delivery adapter. */
public enum ActionKind implements ApiEnum {
    TASK, MESSAGE;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static ActionKind parse(String text) {
        return ApiEnum.parse(ActionKind.class, text);
    }
}
