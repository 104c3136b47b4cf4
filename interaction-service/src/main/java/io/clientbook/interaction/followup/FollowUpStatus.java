package io.clientbook.interaction.followup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** open → done | snoozed | cancelled; snoozed → open | done | cancelled; done and cancelled are final. */
public enum FollowUpStatus implements ApiEnum {
    OPEN, DONE, SNOOZED, CANCELLED;

    /** Still to do: counts for agendas, overdue checks and the no-stacking rule of cadences. */
    public boolean pending() {
        return this == OPEN || this == SNOOZED;
    }

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static FollowUpStatus parse(String text) {
        return ApiEnum.parse(FollowUpStatus.class, text);
    }
}
