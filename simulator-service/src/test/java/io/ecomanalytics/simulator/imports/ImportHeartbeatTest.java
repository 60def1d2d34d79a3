package io.ecomanalytics.simulator.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An import running longer than the orphan window stays RUNNING (its instance marks it alive) and then COMPLETES. Before, the
 * orphan sweep failed it as if its instance had stopped, and the import overwrote the failure with COMPLETED later: a poller
 * saw a false failure (bench/real-data.sh did, on UCI Online Retail II under load).
 */
@QuarkusTest
@TestProfile(ImportHeartbeatTest.ShortOrphanWindow.class)
class ImportHeartbeatTest {
    @Inject
    ImportJobs imports;

    @Inject
    DataSource dataSource;

    @Test
    void aLongImportStaysRunningPastTheOrphanWindowThenCompletes() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        UUID id = imports.submit("import-test", Map.of(), (progress, cancelled) -> {
            progress.report("working", 10, 0);
            try {
                assertThat(finish.await(2, TimeUnit.MINUTES)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new ImportReport.Builder("test", false, 10).build();
        }, () -> {
        }).id();
        try {
            // three orphan windows on the database's own clock, while the sweep runs every 0.2 s
            await().atMost(Duration.ofMinutes(2)).until(() -> secondsSinceStart(id) > 6);
            assertThat(imports.find(id).orElseThrow().status()).isEqualTo("RUNNING");
        } finally {
            finish.countDown();
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> !imports.find(id).orElseThrow().status().equals("RUNNING"));
        var run = imports.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.error()).isNull();
    }

    private double secondsSinceStart(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT extract(epoch FROM now() - started_at) FROM commerce.runs WHERE id = '"
                        + id + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** An orphan window of 2 s, marked alive every 0.2 s. */
    public static class ShortOrphanWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.jobs.heartbeat", "200ms", "simulator.jobs.orphan-after", "2s");
        }
    }
}
