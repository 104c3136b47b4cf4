package io.clientbook.analytics.fit.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.analytics.model.TimeUnit;
import io.clientbook.platform.web.ApiEnum;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** {@code POST /api/v1/analytics/models/fits}. */
public record FitRequest(
        @NotNull @Schema(description = "bgnbd, paretonbd or gammagamma") Model model,
        @NotNull @Schema(description = "Last day of the calibration period (UTC, inclusive)", example = "1997-09-30") LocalDate calibrationEnd,
        @Schema(description = "days or weeks (default weeks)") TimeUnit timeUnit) {

    public TimeUnit timeUnitOrDefault() {
        return timeUnit == null ? TimeUnit.WEEKS : timeUnit;
    }

    /** The models that can be fitted. */
    public enum Model implements ApiEnum {
        BGNBD, PARETONBD, GAMMAGAMMA;

        @JsonValue
        @Override
        public String apiName() {
            return ApiEnum.super.apiName();
        }

        @JsonCreator
        public static Model parse(String text) {
            return ApiEnum.parse(Model.class, text);
        }
    }
}
