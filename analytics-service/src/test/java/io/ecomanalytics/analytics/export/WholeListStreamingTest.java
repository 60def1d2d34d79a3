package io.ecomanalytics.analytics.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.Rows;
import io.ecomanalytics.exports.model.Section;
import io.ecomanalytics.exports.writer.CsvExportWriter;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The RFM customer list of 20,000 persons exported whole: every row in the file, and rows reach the writer's output while the
 * database cursor is still being read (impossible if the list were collected first).
 */
@QuarkusTest
class WholeListStreamingTest {
    private static final int PERSONS = 20_000;

    @Inject
    @Writer
    DataSource dataSource;

    @Inject
    WholeLists wholeLists;

    /** Person k buys 1 + k % 3 times in 2024, for 10 + k % 90. */
    @BeforeEach
    void persons() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders, commerce.products CASCADE");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at) SELECT k, 'SP', 'SUDESTE',"
                    + " '2023-01-01T00:00:00Z' FROM generate_series(1, " + PERSONS + ") k");
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue)"
                    + " SELECT k, TIMESTAMPTZ '2024-01-01T15:00:00Z' + ((k * 7 + j * 61) % 360) * INTERVAL '1 day',"
                    + " 'delivered', 10 + k % 90 FROM generate_series(1, " + PERSONS + ") k, generate_series(0, 2) j"
                    + " WHERE j <= k % 3");
        }
    }

    @Test
    void everyPersonIsInTheFile() {
        String url = "/api/v1/analytics/customers/rfm?from=2024-01-01&to=2024-12-31";
        int total = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(url + "&size=1").then().statusCode(200)
                .extract().jsonPath().getInt("total");
        assertThat(total).isEqualTo(PERSONS);
        byte[] xlsx = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(url + "&format=xlsx").then()
                .statusCode(200).extract().asByteArray();
        List<List<Object>> rows = ExportFiles.sheets(xlsx).get("customers");
        assertThat(rows).hasSize(2 + PERSONS); // note, header, every person
        // sorted by monetary, largest first: 3 orders of 99 (k % 90 = 89, k % 3 = 2) lead
        assertThat(rows.get(2).get(3)).isEqualTo(297.0);
        String csv = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(url + "&format=csv&sort=customer")
                .asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(1 + PERSONS);
        assertThat(lines[1]).startsWith("1,");
    }

    @Test
    void rowsReachTheOutputWhileTheCursorIsRead() throws IOException {
        Export export = wholeLists.rfmCustomers(new SalesFilter(null, null, null, null, null), null, "monetary", null);
        Section list = export.sections().get(0);
        AtomicLong read = new AtomicLong();
        Rows counted = sink -> list.rows().forEach(values -> {
            read.incrementAndGet();
            sink.row(values);
        });
        List<Long> readAtEachWrite = new ArrayList<>();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                readAtEachWrite.add(read.get());
            }

            @Override
            public void write(byte[] b, int off, int len) {
                readAtEachWrite.add(read.get());
            }
        };
        long written = new CsvExportWriter().write(Export.of(export.title(), export.from(), export.to(),
                new Section(list.name(), list.title(), null, list.columns(), counted, null, true)), out);
        assertThat(written).isEqualTo(PERSONS);
        assertThat(read.get()).isEqualTo(PERSONS);
        // the first bytes left when a few hundred of the 20,000 rows had been read from the cursor
        assertThat(readAtEachWrite.get(0)).isLessThan(WholeLists.FETCH_SIZE);
        assertThat(readAtEachWrite.size()).isGreaterThan(50);
    }
}
