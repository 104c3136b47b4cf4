package io.clientbook.interaction.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/**
 * scheduled (send time ahead) → requested (message.requested published) → delivered → opened; or bounced,
 * unsubscribed; suppressed when the consent was gone at send time.
 */
public enum MessageStatus implements ApiEnum {
    SCHEDULED, REQUESTED, SUPPRESSED, DELIVERED, OPENED, BOUNCED, UNSUBSCRIBED;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static MessageStatus parse(String text) {
        return ApiEnum.parse(MessageStatus.class, text);
    }
}
