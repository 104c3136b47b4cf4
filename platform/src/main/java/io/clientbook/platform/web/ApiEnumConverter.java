package io.clientbook.platform.web;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an {@link ApiEnum} column as its API name ({@code at-risk}), so the database reads like the API.
 * Subclass per enum with a no-argument constructor and {@code @Converter}.
 */
public abstract class ApiEnumConverter<E extends Enum<E> & ApiEnum> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected ApiEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.apiName();
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return ApiEnum.parse(type, column);
    }
}
