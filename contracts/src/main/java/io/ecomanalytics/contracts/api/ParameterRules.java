package io.ecomanalytics.contracts.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.ecomanalytics.contracts.problem.ApiException;

/**
 * What one resource method accepts in its query string and path, read once from its signature: the names of its
 * {@code @QueryParam}s and {@code @PathParam}s (directly or in a {@code @BeanParam}), their Java types and their bounds
 * ({@code @Min}/{@code @Max}, {@code @DecimalMin}/{@code @DecimalMax}, {@code @Size}, an OpenAPI {@code @Schema} enumeration).
 * The same annotations make the OpenAPI document, so what the document says is what is checked.
 * <p>
 * {@link #check} refuses, with a 400 naming the parameter: a query parameter the method does not declare, one given twice, a
 * value with a control character or longer than allowed, a number that is not plain ASCII digits or is out of bounds, a date
 * that breaks {@link ApiDates}, an enum value outside its constants, a text outside its enumeration. What passes converts
 * without error. (Hand-written: JAX-RS converts each value on its own and reports a failure as a bare 400 or 404 that names
 * nothing, and has no notion of an unknown parameter.)
 */
public final class ParameterRules {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");
    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<String, Rule> query;
    private final Map<String, Rule> path;

    private ParameterRules(Map<String, Rule> query, Map<String, Rule> path) {
        this.query = query;
        this.path = path;
    }

    /** The rules of a resource method's signature. */
    public static ParameterRules of(Method method) {
        Map<String, Rule> query = new LinkedHashMap<>();
        Map<String, Rule> path = new LinkedHashMap<>();
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> type = parameter.getType(); type != null && type != Object.class; type = type
                        .getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        add(field, field.getType(), query, path);
                    }
                }
            } else {
                add(parameter, parameter.getType(), query, path);
            }
        }
        return new ParameterRules(query, path);
    }

    private static void add(AnnotatedElement element, Class<?> type, Map<String, Rule> query, Map<String, Rule> path) {
        QueryParam q = element.getAnnotation(QueryParam.class);
        if (q != null) {
            query.put(q.value(), Rule.of(q.value(), type, element));
        }
        PathParam p = element.getAnnotation(PathParam.class);
        if (p != null) {
            path.put(p.value(), Rule.of(p.value(), type, element));
        }
    }

    /** The query parameters the method declares. */
    public Collection<String> queryNames() {
        return query.keySet();
    }

    /**
     * Checks a call's query and path values against the rules.
     *
     * @param extraQueryNames
     *            query parameters every method accepts on top of its own
     */
    public void check(Map<String, List<String>> queryValues, Map<String, List<String>> pathValues,
            Collection<String> extraQueryNames, ApiDates dates, int maxTextLength) {
        for (String name : new TreeSet<>(queryValues.keySet())) {
            Rule rule = query.get(name);
            if (rule == null && !extraQueryNames.contains(name)) {
                TreeSet<String> allowed = new TreeSet<>(query.keySet());
                allowed.addAll(extraQueryNames);
                throw ApiException.badRequest(safeName(name), "unknown query parameter '" + safeName(name) + "'"
                        + (allowed.isEmpty() ? "; this operation takes none" : "; allowed: " + String.join(", ", allowed)));
            }
            List<String> values = queryValues.get(name);
            if (values.size() > 1) {
                throw ApiException.badRequest(name, "query parameter '" + name + "' is given more than once");
            }
            if (rule != null) {
                rule.check(values.get(0), dates, maxTextLength);
            }
        }
        pathValues.forEach((name, values) -> {
            Rule rule = path.get(name);
            if (rule != null && !values.isEmpty()) {
                rule.check(values.get(0), dates, maxTextLength);
            }
        });
    }

    /** A name as it may be echoed: printable ASCII, at most 40 characters. */
    private static String safeName(String name) {
        String printable = name.chars().map(c -> c >= 0x20 && c < 0x7F ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    /** What one parameter accepts. */
    record Rule(String name, Class<?> type, BigDecimal min, BigDecimal max, Integer maxLength, List<String> allowed) {

        static Rule of(String name, Class<?> type, AnnotatedElement element) {
            BigDecimal min = bound(element.getAnnotation(Min.class), element.getAnnotation(DecimalMin.class), true);
            BigDecimal max = bound(element.getAnnotation(Max.class), element.getAnnotation(DecimalMax.class), false);
            Size size = element.getAnnotation(Size.class);
            // an enumeration in the documented schema narrows the values (of an enum, or of a text)
            org.eclipse.microprofile.openapi.annotations.parameters.Parameter doc = element
                    .getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.Parameter.class);
            Schema schema = doc == null ? element.getAnnotation(Schema.class) : doc.schema();
            List<String> allowed = null;
            if (schema != null && schema.enumeration().length > 0) {
                allowed = List.of(schema.enumeration());
            } else if (type.isEnum()) {
                allowed = Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            }
            return new Rule(name, type, min, max, size == null ? null : size.max(), allowed);
        }

        private static BigDecimal bound(Annotation integral, Annotation decimal, boolean lower) {
            if (integral instanceof Min m) {
                return BigDecimal.valueOf(m.value());
            }
            if (integral instanceof Max m) {
                return BigDecimal.valueOf(m.value());
            }
            if (decimal instanceof DecimalMin d) {
                return new BigDecimal(d.value());
            }
            if (decimal instanceof DecimalMax d) {
                return new BigDecimal(d.value());
            }
            return null;
        }

        /** Whether a number fits the parameter's Java type. */
        private boolean fitsType(BigDecimal number) {
            if (type == int.class || type == Integer.class) {
                return number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                        && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
            }
            if (type == long.class || type == Long.class) {
                return number.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                        && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
            }
            return true;
        }

        void check(String value, ApiDates dates, int maxTextLength) {
            int limit = maxLength == null ? maxTextLength : Math.min(maxLength, maxTextLength);
            if (value.length() > limit) {
                throw ApiException.badRequest(name, name + " must be at most " + limit + " characters long");
            }
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw ApiException.badRequest(name, name + " must not contain control characters");
            }
            if (isIntegral()) {
                checkNumber(value, INTEGER, "an integer");
            } else if (type == BigDecimal.class || type == double.class || type == Double.class) {
                checkNumber(value, DECIMAL, "a number");
            } else if (type == LocalDate.class) {
                dates.parse(name, value);
            } else if (type == UUID.class) {
                if (!UUID_TEXT.matcher(value).matches()) {
                    throw ApiException.badRequest(name, name + " must be a UUID");
                }
            } else if (type == boolean.class || type == Boolean.class) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw ApiException.badRequest(name, name + " must be true or false");
                }
            } else if (type.isEnum()) {
                if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(value))) {
                    throw ApiException.badRequest(name, "unknown " + name + " '" + value + "'; allowed: "
                            + String.join(", ", allowed));
                }
            } else if (allowed != null && !allowed.contains(value)) {
                throw ApiException.badRequest(name,
                        "unknown " + name + " '" + value + "'; allowed: " + String.join(", ", allowed));
            }
        }

        private boolean isIntegral() {
            return type == int.class || type == Integer.class || type == long.class || type == Long.class;
        }

        private void checkNumber(String value, Pattern shape, String what) {
            BigDecimal number = shape.matcher(value).matches() ? new BigDecimal(value) : null;
            if (number == null || !fitsType(number) || (min != null && number.compareTo(min) < 0)
                    || (max != null && number.compareTo(max) > 0)) {
                throw ApiException.badRequest(name, name + " must be " + what + range());
            }
        }

        private String range() {
            List<String> parts = new ArrayList<>();
            if (min != null && max != null) {
                return " from " + min.toPlainString() + " to " + max.toPlainString();
            }
            if (min != null) {
                parts.add(" of at least " + min.toPlainString());
            }
            if (max != null) {
                parts.add(" of at most " + max.toPlainString());
            }
            return String.join("", parts);
        }
    }
}
