package io.ecomanalytics.contracts.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Enum parameters by constant name in any letter case ({@code granularity=week} as well as {@code WEEK}): the documents list
 * the constants, callers have always written them in lower case. {@link StrictParameters} has already refused unknown values.
 */
@Provider
public class EnumParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum()) {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                return (T) Arrays.stream(rawType.getEnumConstants()).map(e -> (Enum) e)
                        .filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no constant " + value));
            }

            @Override
            public String toString(T value) {
                return ((Enum<?>) value).name();
            }
        };
    }
}
