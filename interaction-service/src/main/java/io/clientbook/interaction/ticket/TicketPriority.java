package io.clientbook.interaction.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** How urgent a ticket is; escalation raises it one step. */
public enum TicketPriority implements ApiEnum {
    LOW, NORMAL, HIGH, URGENT;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static TicketPriority parse(String text) {
        return ApiEnum.parse(TicketPriority.class, text);
    }
}
