package io.ecomanalytics.simulator.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.simulator.model.Run;

/** Reads and writes {@code commerce.runs}: one row per simulation or import. */
@ApplicationScoped
public class RunRepository {
    private static final String COLUMNS = "id, kind, status, phase, percent, counts::text, parameters::text, result::text,"
            + " error, created_at, started_at, finished_at,"
            + " extract(epoch FROM coalesce(finished_at, now()) - started_at)::float8";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public RunRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** How many runs are in each status, e.g. {@code {COMPLETED=3, FAILED=1}}. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, count(*) FROM commerce.runs GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read runs", e);
        }
    }

    public void insertQueued(UUID id, String kind, Object parameters) {
        update("INSERT INTO commerce.runs (id, kind, parameters, status, heartbeat_at) VALUES (?, ?, ?::jsonb, 'QUEUED', now())",
                id, kind, toJson(parameters));
    }

    public void markRunning(UUID id) {
        update("UPDATE commerce.runs SET status = 'RUNNING', started_at = now(), heartbeat_at = now() WHERE id = ?", id);
    }

    public void progress(UUID id, String phase, double percent, Map<String, Long> counts) {
        update("UPDATE commerce.runs SET phase = ?, percent = ?, counts = ?::jsonb WHERE id = ? AND status = 'RUNNING'",
                phase, percent, toJson(counts), id);
    }

    public void complete(UUID id, Map<String, Long> counts, Object result) {
        update("UPDATE commerce.runs SET status = 'COMPLETED', phase = 'done', percent = 100, counts = ?::jsonb,"
                + " result = ?::jsonb, finished_at = now() WHERE id = ?", toJson(counts), toJson(result), id);
    }

    /** Ends a run as FAILED or CANCELLED; its counts are zeroed because its rows were rolled back. */
    public void end(UUID id, String status, String error) {
        update("UPDATE commerce.runs SET status = ?, error = ?, counts = '{}'::jsonb, finished_at = now()"
                + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')", status, error, id);
    }

    /** Merges {@code fields} into the run's result document. */
    public void mergeResult(UUID id, Map<String, Object> fields) {
        update("UPDATE commerce.runs SET result = coalesce(result, '{}'::jsonb) || ?::jsonb WHERE id = ?", toJson(fields),
                id);
    }

    public void heartbeat(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            update("UPDATE commerce.runs SET heartbeat_at = now() WHERE id = ANY (?::uuid[])",
                    (Object) ids.stream().map(UUID::toString).toArray(String[]::new));
        }
    }

    /** Fails the QUEUED or RUNNING runs whose executor stopped marking them alive; returns how many. */
    public int failOrphans(Duration silentFor) {
        return update("UPDATE commerce.runs SET status = 'FAILED', finished_at = now(), counts = '{}'::jsonb,"
                + " error = 'interrupted: the service instance running it stopped'"
                + " WHERE status IN ('QUEUED', 'RUNNING')"
                + " AND coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ?)",
                (double) silentFor.toMillis() / 1000);
    }

    public Optional<Run> find(UUID id) {
        List<Run> runs = query("SELECT " + COLUMNS + " FROM commerce.runs WHERE id = ?", id);
        return runs.stream().findFirst();
    }

    public List<Run> list(String kind, int limit) {
        return query("SELECT " + COLUMNS + " FROM commerce.runs WHERE kind = ? ORDER BY created_at DESC LIMIT ?", kind,
                limit);
    }

    private List<Run> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = prepare(c, sql, args);
                ResultSet rs = st.executeQuery()) {
            List<Run> runs = new ArrayList<>();
            while (rs.next()) {
                Double elapsed = rs.getObject(13) == null ? null : rs.getDouble(13);
                runs.add(new Run(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), json.readValue(rs.getString(6), new TypeReference<Map<String, Long>>() {
                        }), json.readTree(rs.getString(7)),
                        rs.getString(8) == null ? null : json.readTree(rs.getString(8)), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class),
                        rs.getObject(12, OffsetDateTime.class), elapsed, null));
            }
            return runs;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read runs", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, args)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write run", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String[] values) {
                st.setArray(i + 1, c.createArrayOf("text", values));
            } else {
                st.setObject(i + 1, args[i]);
            }
        }
        return st;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
        }
    }
}
