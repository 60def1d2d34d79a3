package io.ecomanalytics.simulator.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.job.JobRunner;
import io.quarkus.logging.Log;

/**
 * Runs imports as jobs, one at a time on a bounded queue, each recorded as a row of {@code commerce.runs} (status, phase,
 * percent, counts, the report as result). A stand-in for the service's shared job framework: only {@link #submit},
 * {@link #find}, {@link #list} and {@link #cancel} are used by the resource. Cancellation is cooperative and known to the
 * replica that runs the import.
 */
@ApplicationScoped
public class ImportJobs {
    private static final String COLUMNS = "id, kind, status, phase, percent, counts, result, error, created_at,"
            + " started_at, finished_at";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ThreadPoolExecutor executor;
    private final Map<UUID, AtomicBoolean> cancels = new ConcurrentHashMap<>();
    /** Marks the runs alive while they wait and run: its orphan sweep fails the others. */
    private final JobRunner jobs;

    public ImportJobs(DataSource dataSource, ObjectMapper json, ImportSettings settings, JobRunner jobs) {
        this.dataSource = dataSource;
        this.json = json;
        this.jobs = jobs;
        // One import at a time: each holds the commerce tables in one long transaction.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueSize()), r -> new Thread(r, "import-worker"));
    }

    /** An import's work: given where to report progress and how to learn it was cancelled, it returns its report. */
    @FunctionalInterface
    public interface Work {
        ImportReport run(ImportProgress progress, BooleanSupplier cancelled);
    }

    public record RunView(UUID id, String kind, String status, String phase, double percent, JsonNode counts,
            JsonNode result, String error, OffsetDateTime createdAt, OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
    }

    /** Queues the work, recorded as a QUEUED run; {@code cleanup} runs once the work has ended, whatever the outcome. */
    public RunView submit(String kind, Object parameters, Work work, Runnable cleanup) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO commerce.runs (id, kind, parameters, status) VALUES (?, ?, ?::jsonb, 'QUEUED')", id, kind,
                write(parameters));
        AtomicBoolean cancelled = new AtomicBoolean();
        cancels.put(id, cancelled);
        jobs.keepAlive(id);
        try {
            executor.execute(() -> execute(id, work, cancelled, cleanup));
        } catch (RejectedExecutionException e) {
            cancels.remove(id);
            jobs.release(id);
            cleanup.run();
            update("UPDATE commerce.runs SET status = 'FAILED', error = 'import queue full', finished_at = now()"
                    + " WHERE id = ?", id);
            throw ApiException.unavailable("too many imports waiting; try again when one has finished");
        }
        return find(id).orElseThrow();
    }

    private void execute(UUID id, Work work, AtomicBoolean cancelled, Runnable cleanup) {
        try {
            if (cancelled.get()) {
                finish(id, "CANCELLED", null, "cancelled before it started");
                return;
            }
            update("UPDATE commerce.runs SET status = 'RUNNING', started_at = now() WHERE id = ?", id);
            ImportReport report = work.run((phase, percent, rows) -> update(
                    "UPDATE commerce.runs SET phase = ?, percent = ?, counts = jsonb_build_object('rows', ?) WHERE id = ?",
                    phase, percent, rows, id), cancelled::get);
            finish(id, "COMPLETED", report, null);
        } catch (ImportCancelledException e) {
            finish(id, "CANCELLED", null, "cancelled; nothing was loaded");
        } catch (ApiException e) {
            finish(id, "FAILED", null, e.getMessage());
        } catch (RuntimeException e) {
            // the database's own message may quote a row of the file: the run names only the kind of failure
            Log.errorf(e, "import %s failed", id);
            finish(id, "FAILED", null, "import failed; the service log has the details under run " + id);
        } finally {
            cancels.remove(id);
            jobs.release(id);
            cleanup.run();
        }
    }

    private void finish(UUID id, String status, ImportReport report, String error) {
        update("UPDATE commerce.runs SET status = ?, percent = CASE WHEN ? = 'COMPLETED' THEN 100 ELSE percent END,"
                + " counts = COALESCE(?::jsonb, counts), result = ?::jsonb, error = ?, finished_at = now() WHERE id = ?",
                status, status, report == null ? null : write(report.totals()), report == null ? null : write(report),
                error, id);
    }

    public Optional<RunView> find(UUID id) {
        List<RunView> runs = query("SELECT " + COLUMNS + " FROM commerce.runs WHERE id = ? AND kind LIKE 'import-%'", id);
        return runs.stream().findFirst();
    }

    /** The latest imports, newest first. */
    public List<RunView> list(int limit) {
        return query("SELECT " + COLUMNS + " FROM commerce.runs WHERE kind LIKE 'import-%'"
                + " ORDER BY created_at DESC LIMIT ?", limit);
    }

    /** Asks a queued or running import to stop; its transaction rolls back. A finished one cannot be cancelled (409). */
    public RunView cancel(UUID id) {
        RunView run = find(id).orElseThrow(() -> ApiException.notFound("no import " + id));
        AtomicBoolean flag = cancels.get(id);
        if (flag == null) {
            throw ApiException.conflict("import " + id + " has already ended: " + run.status());
        }
        flag.set(true);
        return run;
    }

    @PreDestroy
    void stop() {
        cancels.values().forEach(f -> f.set(true));
        executor.shutdown();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private JsonNode read(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON", e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the import run: " + e.getMessage(), e);
        }
    }

    private List<RunView> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<RunView> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RunView(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("status"),
                            rs.getString("phase"), rs.getDouble("percent"), read(rs.getString("counts")),
                            read(rs.getString("result")), rs.getString("error"), time(rs, "created_at"),
                            time(rs, "started_at"), time(rs, "finished_at")));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read import runs: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
