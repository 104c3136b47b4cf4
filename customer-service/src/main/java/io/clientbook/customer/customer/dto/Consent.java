package io.clientbook.customer.customer.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clientbook.platform.web.ApiEnum;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** Whether the customer may be contacted on a channel for a purpose, on which legal basis, since when. */
public record Consent(@NotNull Channel channel, @NotNull Purpose purpose, boolean granted, Basis basis, Instant at) {

    public enum Channel implements ApiEnum {
        EMAIL, SMS, PHONE, MAIL;

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

    public enum Purpose implements ApiEnum {
        MARKETING, SERVICE;

        @JsonValue
        @Override
        public String apiName() {
            return ApiEnum.super.apiName();
        }

        @JsonCreator
        public static Purpose parse(String text) {
            return ApiEnum.parse(Purpose.class, text);
        }
    }

    public enum Basis implements ApiEnum {
        CONSENT, CONTRACT, LEGITIMATE_INTEREST;

        @JsonValue
        @Override
        public String apiName() {
            return ApiEnum.super.apiName();
        }

        @JsonCreator
        public static Basis parse(String text) {
            return ApiEnum.parse(Basis.class, text);
        }
    }
}
