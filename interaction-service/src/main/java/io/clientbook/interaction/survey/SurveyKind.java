package io.clientbook.interaction.survey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;

/** NPS: 0–10, detractors 0–6, passives 7–8, promoters 9–10. CSAT: 1–5, satisfied 4–5, detractors 1–2. */
public enum SurveyKind implements ApiEnum {
    NPS(0, 10, 6), CSAT(1, 5, 2);

    final int min;
    final int max;
    /** Scores up to this one are detractors. */
    final int detractorUpTo;

    SurveyKind(int min, int max, int detractorUpTo) {
        this.min = min;
        this.max = max;
        this.detractorUpTo = detractorUpTo;
    }

    @JsonValue
    @Override
    public String apiName() {
        return ApiEnum.super.apiName();
    }

    @JsonCreator
    public static SurveyKind parse(String text) {
        return ApiEnum.parse(SurveyKind.class, text);
    }
}
