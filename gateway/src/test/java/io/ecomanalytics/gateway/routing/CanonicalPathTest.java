package io.ecomanalytics.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which raw paths the gateway takes as they are, and what it names as wrong in the others. */
class CanonicalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/metrics/reconcile", "/api/v1/metrics/daily/2024-01-02", "/api/v1/users/17",
            "/api/v1/simulations/3f2a9c1e-0b7d-4c55-9a1e-2f4b6c8d0e1f", "/auth/token", "/api/v1/data-quality/report", "/"})
    void acceptsCanonicalPaths(String path) {
        assertThat(CanonicalPath.problem(path)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/v1/metrics/reconcile;x=1          | matrix parameters",
            "/api/v1/metrics/reconcile%3Bx=1        | percent-encoding",
            "/api/v1/metrics%2Freconcile            | percent-encoding",
            "/api/v1/%2e%2e/users                   | percent-encoding",
            "/api/v1//metrics/reconcile             | empty path segment",
            "/api/v1/metrics/../users               | '..' segment",
            "/api/v1/./metrics/reconcile            | '.' segment",
            "/api/v1/metrics/reconcile/             | trailing '/'",
            "/api/v1/metrics\\reconcile             | backslash",
            "/api/v1/Metrics/reconcile              | upper-case letter",
            "/api/v1/users/١                        | non-ASCII",
            "/api/v1/users/1+1                      | character '+'",
            "api/v1/users                           | must start with '/'"})
    void namesWhatIsWrong(String path, String named) {
        assertThat(CanonicalPath.problem(path)).contains(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users/\u0000", "/api/v1/users/\t1", "/api/v1/users/\u007f"})
    void refusesControlCharacters(String path) {
        assertThat(CanonicalPath.problem(path)).contains("control character");
    }
}
