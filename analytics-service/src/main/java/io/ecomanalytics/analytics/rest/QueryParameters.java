package io.ecomanalytics.analytics.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.problem.ApiException;

/**
 * The query string of an analytics call, checked strictly: a parameter the endpoint does not know, a repeated parameter, a bad
 * date, {@code from} after {@code to}, a value outside its list or range — each is a 400 problem naming the parameter. The
 * descriptive endpoints and the forecast take the sales filter {@value #FROM}/{@value #TO} (ISO dates in the store zone,
 * inclusive), {@value #STATE} (UF), {@value #REGION} and {@value #CATEGORY}, plus their own parameters; the anomaly and
 * lifetime-value endpoints name the ones they take.
 */
public final class QueryParameters {
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String STATE = "state";
    public static final String REGION = "region";
    public static final String CATEGORY = "category";
    public static final Set<String> FILTER = Set.of(FROM, TO, STATE, REGION, CATEGORY);

    private final MultivaluedMap<String, String> values;

    private QueryParameters(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** The call's parameters, refusing any outside the filter and {@code extra}. */
    public static QueryParameters of(UriInfo uri, String... extra) {
        return checked(uri, Stream.concat(FILTER.stream(), Arrays.stream(extra)).collect(Collectors.toSet()));
    }

    /** The call's parameters, refusing any but {@code names}: for an endpoint that takes only part of the filter, or none. */
    public static QueryParameters only(UriInfo uri, String... names) {
        return checked(uri, Set.of(names));
    }

    private static QueryParameters checked(UriInfo uri, Set<String> known) {
        MultivaluedMap<String, String> values = uri.getQueryParameters();
        for (String name : new TreeSet<>(values.keySet())) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(name, "unknown query parameter '" + name + "'; allowed: "
                        + String.join(", ", new TreeSet<>(known)));
            }
            if (values.get(name).size() > 1) {
                throw ApiException.badRequest(name, "query parameter '" + name + "' is given more than once");
            }
        }
        return new QueryParameters(values);
    }

    public SalesFilter filter() {
        LocalDate from = date(FROM);
        LocalDate to = date(TO);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest(FROM, "from (" + from + ") is after to (" + to + ")");
        }
        BrazilianState state = text(STATE) == null
                ? null
                : BrazilianState.fromUf(text(STATE)).orElseThrow(() -> ApiException.badRequest(STATE,
                        "unknown state '" + text(STATE) + "'; expected a Brazilian UF such as SP"));
        Region region = text(REGION) == null ? null : choice(REGION, Arrays.asList(Region.values()), null);
        return new SalesFilter(from, to, state, region, text(CATEGORY));
    }

    /** The value, stripped; null when absent or blank. */
    public String text(String name) {
        String value = values.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One of {@code allowed}, matched by lower-case enum name ({@code day}, {@code centro_oeste}...), or the default. */
    public <E extends Enum<E>> E choice(String name, Collection<E> allowed, E defaultValue) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        return allowed.stream().filter(e -> apiName(e).equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(name, "unknown " + name + " '" + value + "'; allowed: "
                        + allowed.stream().map(QueryParameters::apiName).collect(Collectors.joining(", "))));
    }

    /** One of a whitelist of names, or the default. */
    public String oneOf(String name, Collection<String> allowed, String defaultValue) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw ApiException.badRequest(name, "unknown " + name + " '" + value + "'; allowed: "
                    + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below like a value out of range
        }
        throw ApiException.badRequest(name, name + " must be an integer from " + min + " to " + max);
    }

    public BigDecimal decimal(String name, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            BigDecimal d = new BigDecimal(value);
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below like a value out of range
        }
        throw ApiException.badRequest(name, name + " must be a number from " + min + " to " + max);
    }

    private LocalDate date(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, name + " must be an ISO date (YYYY-MM-DD), not '" + value + "'");
        }
    }

    private static String apiName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
