package io.ecomanalytics.simulator.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ImportReportTest {
    @Test
    void countsPerFileAndRuleAndKeepsOnlyTheSample() {
        ImportReport.Builder builder = new ImportReport.Builder("import-olist", false, 2);
        var orders = builder.file("orders.csv");
        for (int row = 1; row <= 4; row++) {
            orders.read();
        }
        orders.loaded();
        orders.rejected(2, "a", "status", "order_status 'lost' is not one of …");
        orders.rejected(3, "b", "status", "order_status 'gone' is not one of …");
        orders.rejected(4, "c", "duplicate-key", "duplicate key c in the file");

        ImportReport report = builder.build();

        assertThat(report.files().get("orders.csv"))
                .isEqualTo(new ImportReport.FileCounts(4, 1, 3, Map.of("status", 2L, "duplicate-key", 1L)));
        assertThat(report.totals()).isEqualTo(new ImportReport.Totals(4, 1, 3));
        assertThat(report.rejectedRows()).extracting(ImportReport.RejectedRow::key).containsExactly("a", "b");
    }

    @Test
    void refusesToReportCountsThatDoNotReconcile() {
        ImportReport.Builder builder = new ImportReport.Builder("import-olist", false, 100);
        var items = builder.file("items.csv");
        items.read();
        items.read();
        items.loaded();

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read 2, loaded 1, rejected 0");
    }
}
