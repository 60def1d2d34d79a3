package io.ecomanalytics.analytics.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.Coverage;

/** What period the loaded orders cover. */
@ApplicationScoped
public class CoverageRepository {
    private final SqlRunner sql;

    public CoverageRepository(SqlRunner sql) {
        this.sql = sql;
    }

    public Coverage coverage() {
        return sql.one("SELECT count(*), min(ordered_at), max(ordered_at) FROM commerce.orders", List.of(),
                rs -> new Coverage(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class)));
    }
}
