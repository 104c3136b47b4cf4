package io.clientbook.interaction.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** What a delivery adapter reports about a message. */
public enum MessageOutcome implements ApiEnum {
    DELIVERED, OPENED, BOUNCED, UNSUBSCRIBED;

    MessageStatus status() {
        return MessageStatus.valueOf(name());
    }

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static MessageOutcome parse(String text) {
        return ApiEnum.parse(MessageOutcome.class, text);
    }
}
