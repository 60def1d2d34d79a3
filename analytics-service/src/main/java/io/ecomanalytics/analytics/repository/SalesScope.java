package io.ecomanalytics.analytics.repository;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.ecomanalytics.analytics.model.SalesFilter;

/**
 * A filter's conditions on the source tables, for the models (forecast, anomalies) that read {@code commerce.orders} directly;
 * the descriptive analytics read the sales mart through {@link MartScope}.
 */
public final class SalesScope {
    private SalesScope() {
    }

    /**
     * The filter's conditions on orders {@code o} and their customers {@code c}, each value added to {@code params}: placed
     * from the start of {@code from} to the end of {@code to} in the store zone (an unset date leaves that end open), by a
     * customer of the state and region. {@code TRUE} when the filter sets none of them. Statuses and the category are the
     * caller's: the models screen every order, and a category needs the items.
     */
    public static String conditions(SalesFilter filter, ZoneId zone, List<Object> params) {
        List<String> where = new ArrayList<>();
        if (filter.from() != null) {
            where.add("o.ordered_at >= ?");
            params.add(at(filter.start(zone)));
        }
        if (filter.to() != null) {
            where.add("o.ordered_at < ?");
            params.add(at(filter.end(zone)));
        }
        if (filter.state() != null) {
            where.add("c.state = ?");
            params.add(filter.state().uf());
        }
        if (filter.region() != null) {
            where.add("c.region = ?");
            params.add(filter.region().name());
        }
        return where.isEmpty() ? "TRUE" : String.join(" AND ", where);
    }

    private static Object at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
