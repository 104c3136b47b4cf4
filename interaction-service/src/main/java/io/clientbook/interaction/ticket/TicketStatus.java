package io.clientbook.interaction.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** new → open → pending (on the customer; the resolution clock pauses) → resolved → closed; resolved and closed can be reopened. */
public enum TicketStatus implements ApiEnum {
    NEW, OPEN, PENDING, RESOLVED, CLOSED;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static TicketStatus parse(String text) {
        return ApiEnum.parse(TicketStatus.class, text);
    }
}
