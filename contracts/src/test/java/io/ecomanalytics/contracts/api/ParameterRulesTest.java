package io.ecomanalytics.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ecomanalytics.contracts.problem.ApiException;

/** The rules read from a resource method's signature, on a method written for the test. */
class ParameterRulesTest {
    private static final ApiDates DATES = new ApiDates(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 12, 31));

    enum Colour {
        RED, DARK_BLUE
    }

    static class Filter {
        @QueryParam("from")
        LocalDate from;

        @QueryParam("colour")
        Colour colour;
    }

    @SuppressWarnings("unused")
    static void operation(@BeanParam Filter filter, @QueryParam("size") @Min(1) @Max(500) int size,
            @QueryParam("share") @DecimalMin("0") @DecimalMax("1") BigDecimal share,
            @QueryParam("sort") @Parameter(schema = @Schema(enumeration = {"name", "size"})) String sort,
            @QueryParam("note") @Size(max = 5) String note, @QueryParam("flag") Boolean flag,
            @PathParam("id") long id) {
    }

    private static final ParameterRules RULES = ParameterRules.of(java.util.Arrays.stream(ParameterRulesTest.class
            .getDeclaredMethods()).filter(m -> m.getName().equals("operation")).findFirst().orElseThrow());

    @ParameterizedTest(name = "{0}={1} accepted")
    @CsvSource({"from,2024-02-29", "from,2000-01-01", "from,2100-12-31", "colour,dark_blue", "colour,RED", "size,1",
            "size,500", "share,0.25", "share,1", "sort,size", "note,abcde", "flag,true"})
    void acceptsValuesTheSignatureAllows(String name, String value) {
        assertThatCode(() -> check(Map.of(name, List.of(value)), Map.of())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "from   | 1999-12-31           | between 2000-01-01 and 2100-12-31",
            "from   | +999999999-12-31     | ISO date", "from | 2024-02-30 | not a day of the calendar",
            "from   | ٢٠٢٤-٠١-٠١           | ISO date", "colour | green | unknown colour 'green'; allowed: RED, DARK_BLUE",
            "size   | 0                    | from 1 to 500", "size | 501 | from 1 to 500", "size | ١٢ | integer",
            "size   | 1.0                  | integer", "size | 99999999999999999999 | integer",
            "share  | 1.01                 | from 0 to 1", "share | 1e-3 | number", "share | NaN | number",
            "sort   | colour               | allowed: name, size", "note | abcdef | at most 5 characters",
            "flag   | yes                  | true or false", "note | a\u0000b | control characters"})
    void refusesValuesNamingTheParameter(String name, String value, String detail) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> check(Map.of(name, List.of(value)), Map.of()));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo(name);
        assertThat(e.getMessage()).contains(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"unknown | other=1 | unknown query parameter 'other'",
            "repeated | size=1&size=2 | more than once"})
    void refusesUndeclaredAndRepeatedParameters(String what, String query, String detail) {
        Map<String, List<String>> values = new java.util.TreeMap<>();
        for (String pair : query.split("&")) {
            values.computeIfAbsent(pair.split("=")[0], k -> new java.util.ArrayList<>()).add(pair.split("=")[1]);
        }
        ApiException e = catchThrowableOfType(ApiException.class, () -> check(values, Map.of()));
        assertThat(e.getMessage()).contains(detail);
        assertThat(RULES.queryNames()).containsExactlyInAnyOrder("from", "colour", "size", "share", "sort", "note",
                "flag");
    }

    @ParameterizedTest(name = "id={0}")
    @CsvSource({"١", "1a", "99999999999999999999"})
    void checksPathParametersToo(String id) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> check(Map.of(), Map.of("id", List.of(id))));
        assertThat(e.field()).isEqualTo("id");
    }

    private static void check(Map<String, List<String>> query, Map<String, List<String>> path) {
        RULES.check(query, path, Set.of(), DATES, 200);
    }
}
