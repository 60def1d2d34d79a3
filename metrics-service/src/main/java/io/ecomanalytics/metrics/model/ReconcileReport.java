package io.ecomanalytics.metrics.model;

import java.time.LocalDate;
import java.util.List;

/** Redis compared with PostgreSQL for one day; {@code consistent} when there is no difference. */
public record ReconcileReport(LocalDate date, boolean consistent, List<Difference> differences) {

    /**
     * One value that differs.
     *
     * @param key
     *            the Redis key
     * @param member
     *            the product id, region or customer concerned, {@code null} for a whole-key value
     * @param redis
     *            what Redis holds
     * @param postgres
     *            what PostgreSQL says it should hold
     */
    public record Difference(String key, String member, String redis, String postgres) {
    }
}
