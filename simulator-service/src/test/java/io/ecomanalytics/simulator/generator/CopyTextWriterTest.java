package io.ecomanalytics.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CopyTextWriterTest {

    @Test
    void writesCopyTextRows() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CopyTextWriter out = new CopyTextWriter(bytes)) {
            out.number(42).cents(12_345).cents(5).cents(0).bool(true).nullValue()
                    .timestamp(Instant.parse("2024-11-29T03:04:05Z").getEpochSecond()).text("São\tPaulo\\x\n");
            out.endRow();
            out.number(-7).text(null);
            out.endRow();
            assertThat(out.rows()).isEqualTo(2);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "42\t123.45\t0.05\t0.00\tt\t\\N\t2024-11-29 03:04:05+00\tSão\\tPaulo\\\\x\\n\n-7\t\\N\n");
    }
}
