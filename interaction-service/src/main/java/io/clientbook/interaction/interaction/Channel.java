package io.clientbook.interaction.interaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** How a contact happened. */
public enum Channel implements ApiEnum {
    PHONE, EMAIL, SMS, CHAT, SOCIAL, VISIT, MEETING, NOTE;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static Channel parse(String text) {
        return ApiEnum.parse(Channel.class, text);
    }
}
