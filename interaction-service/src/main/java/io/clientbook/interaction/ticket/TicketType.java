package io.clientbook.interaction.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** What a ticket is about. */
public enum TicketType implements ApiEnum {
    INQUIRY, PROBLEM, COMPLAINT, SUGGESTION;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static TicketType parse(String text) {
        return ApiEnum.parse(TicketType.class, text);
    }
}
