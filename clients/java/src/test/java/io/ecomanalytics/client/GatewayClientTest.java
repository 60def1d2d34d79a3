package io.ecomanalytics.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayClientTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json, text/csv, application/pdf, application/problem+json | application/json, application/problem+json",
            "application/pdf, application/json, application/problem+json | application/pdf, application/problem+json",
            "application/json | application/json",
            "application/problem+json | application/problem+json"})
    void asksOnlyForWhatTheMethodReadsAndProblems(String generated, String sent) {
        assertThat(GatewayClient.narrowed(generated)).isEqualTo(sent);
    }
}
