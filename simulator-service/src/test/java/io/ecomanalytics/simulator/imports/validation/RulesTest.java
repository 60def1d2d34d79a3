package io.ecomanalytics.simulator.imports.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.ecomanalytics.simulator.imports.csv.CsvReader;
import io.ecomanalytics.simulator.imports.csv.CsvRow;

class RulesTest {
    private static final RuleContext CONTEXT = new RuleContext(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
            ZoneId.of("America/Sao_Paulo"), LocalDate.of(2000, 1, 1), LocalDate.of(2030, 12, 31));

    @TempDir
    Path dir;

    private CsvRow row(String value) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, "v\n\"" + value + "\"\n");
        List<CsvRow> rows = new ArrayList<>();
        CsvReader.read(new CsvInput("f.csv", file), List.of("v"), rows::add);
        return rows.get(0);
    }

    private static Optional<String> failure(Rule<CsvRow> rule, CsvRow row) {
        return rule.check(row, CONTEXT);
    }

    @ParameterizedTest(name = "{0} on ''{1}'' passes: {2}")
    @CsvSource({"required, '', false", "required, ' ', false", "required, x, true",
            "timestamp, 2017-02-04 13:57:51, true", "timestamp, 2017-13-45 13:57:51, false", "timestamp, '', true",
            "date-range, 1999-12-31 23:59:59, false", "date-range, 2000-01-01 00:00:00, true",
            "date-range, 2031-01-01 00:00:00, false", "non-negative, 0.00, true", "non-negative, -0.01, false",
            "non-negative, abc, false", "integer, 3, true", "integer, 0, false", "integer, 1.5, false",
            "status, delivered, true", "status, lost, false"})
    void checksOneField(String rule, String value, boolean passes) throws IOException {
        Rule<CsvRow> r = switch (rule) {
            case "required" -> Rules.required("v");
            case "timestamp" -> Rules.timestamp("v");
            case "date-range" -> Rules.plausibleDate("v");
            case "non-negative" -> Rules.nonNegativeDecimal("v");
            case "integer" -> Rules.integer("v", 1, 10);
            case "status" -> Rules.oneOf("status", "v", Set.of("delivered", "canceled"));
            default -> throw new IllegalArgumentException(rule);
        };
        assertThat(failure(r, row(value)).isEmpty()).isEqualTo(passes);
    }

    @Test
    void firstFailingRuleNamesTheRejection() throws IOException {
        Validation<CsvRow> v = Validation.of(Rules.required("v"), Rules.nonNegativeDecimal("v"),
                Rules.unique(r -> r.get("v")));

        assertThat(v.firstFailure(row("-1"), CONTEXT)).contains(new Validation.Failure("non-negative:v", "v -1 is negative"));
        assertThat(v.firstFailure(row("2"), CONTEXT)).isEmpty();
        assertThat(v.firstFailure(row("2"), CONTEXT)).contains(
                new Validation.Failure("duplicate-key", "duplicate key 2 in the file"));
        assertThat(Validation.of(Rules.notLoaded(r -> r.get("v"), Set.of("7")::contains)).firstFailure(row("7"),
                CONTEXT)).contains(new Validation.Failure("already-loaded", Rules.ALREADY_LOADED));
    }
}
