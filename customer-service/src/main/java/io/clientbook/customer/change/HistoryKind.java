package io.clientbook.customer.change;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** What happened to the record as a whole. */
public enum HistoryKind implements ApiEnum {
    CREATED, UPDATED, ARCHIVED, MERGED, UNMERGED, ERASED;

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static HistoryKind parse(String text) {
        return ApiEnum.parse(HistoryKind.class, text);
    }
}
