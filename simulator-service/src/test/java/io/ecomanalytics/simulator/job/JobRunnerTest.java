package io.ecomanalytics.simulator.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.repository.RunRepository;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JobRunnerTest {
    @Inject
    JobRunner jobs;
    @Inject
    RunRepository runs;
    @Inject
    DataSource dataSource;

    @Test
    void failsRunsWhoseInstanceStoppedButNotLiveOnes() throws SQLException {
        UUID orphan = UUID.randomUUID();
        UUID alive = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.runs (id, kind, status, heartbeat_at) VALUES ('" + orphan
                    + "', 'import', 'RUNNING', now() - interval '10 minutes'), ('" + alive
                    + "', 'import', 'RUNNING', now())");
        }
        assertThat(runs.failOrphans(Duration.ofSeconds(60))).isEqualTo(1);
        Run failed = runs.find(orphan).orElseThrow();
        assertThat(failed.status()).isEqualTo(Run.FAILED);
        assertThat(failed.error()).contains("stopped");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(runs.find(alive).orElseThrow().status()).isEqualTo(Run.RUNNING);
        runs.end(alive, Run.CANCELLED, null);
    }

    @Test
    void recordsTheResultOrTheErrorOfAJob() {
        Run done = jobs.runHere("test", Map.of("n", 1), context -> {
            context.count("rows", 3);
            context.progress("working", 50);
            return Map.of("answer", 42);
        }, (phase, percent) -> {
        });
        assertThat(done.status()).isEqualTo(Run.COMPLETED);
        assertThat(done.percent()).isEqualByComparingTo("100");
        assertThat(done.counts()).isEqualTo(Map.of("rows", 3L));
        assertThat(done.result().get("answer").asInt()).isEqualTo(42);
        assertThat(done.parameters().get("n").asInt()).isEqualTo(1);

        Run failed = jobs.runHere("test", Map.of(), context -> {
            throw new IllegalStateException("disk full", new java.io.IOException("no space left"));
        }, (phase, percent) -> {
        });
        assertThat(failed.status()).isEqualTo(Run.FAILED);
        assertThat(failed.error()).isEqualTo("disk full: no space left");
    }
}
