package io.clientbook.platform.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum as the API writes it: lower case with dashes ({@code AT_RISK} is {@code at-risk}), accepted in
 * any case and with dashes or underscores. Implementations add {@code @JsonValue} to {@link #apiName()} and
 * a {@code @JsonCreator} calling {@link #parse}.
 */
public interface ApiEnum {

    String name();

    default String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant for {@code text}; an {@link IllegalArgumentException} listing the allowed values otherwise. */
    static <E extends Enum<E> & ApiEnum> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                .map(ApiEnum::apiName).collect(Collectors.joining(", ")));
    }
}
