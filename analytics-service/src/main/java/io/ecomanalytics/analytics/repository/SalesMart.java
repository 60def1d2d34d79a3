package io.ecomanalytics.analytics.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.arc.Arc;

/**
 * The sales mart ({@code commerce.mart_*}, migrations V6, V7, V10) as analytics sees it: read only. The writers keep it up to
 * date in or right after their own transactions (contracts' {@code SalesMartRefresh}), so a call never writes and never waits
 * for a refresh. Its state - the data version and when it last changed - is read once per call ({@link CallData}).
 */
@ApplicationScoped
public class SalesMart {
    private final SqlRunner sql;
    private final StoreSettings store;
    private final CallData call;

    public SalesMart(SqlRunner sql, StoreSettings store, CallData call) {
        this.sql = sql;
        this.store = store;
        this.call = call;
    }

    /**
     * The mart's state.
     *
     * @param version
     *            bumped by every refresh that changed the mart: answers computed at one version are equal
     * @param refreshedAt
     *            when the mart last changed; the answers' {@code dataAsOf}
     * @param zone
     *            the store zone its days were counted in
     */
    public record State(long version, OffsetDateTime refreshedAt, String zone) {
    }

    /** The state now, or empty when no writer has built the mart yet. */
    public Optional<State> read() {
        return sql.list("SELECT version, refreshed_at, zone FROM commerce.mart_state", List.of(),
                rs -> new State(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3))).stream()
                .findFirst();
    }

    /** The state this call reads: read at its first use in a call and kept for the rest of it. */
    public Optional<State> current() {
        if (!Arc.container().requestContext().isActive()) {
            return read();
        }
        if (call.mart() == null) {
            call.mart(read());
        }
        return call.mart();
    }

    /**
     * The state of a mart that can answer: 503 when no writer has built it yet (a new or an old database: simulator-service
     * builds it when it starts and with every load), or when it was built for another store zone than this service counts days
     * in.
     */
    public State requireBuilt() {
        State state = current().orElseThrow(() -> ApiException.unavailable("the sales mart has not been built yet:"
                + " simulator-service builds it when it starts and after every load; try again in a minute"));
        if (!state.zone().equals(store.zone().getId())) {
            throw ApiException.unavailable("the sales mart counts days in " + state.zone() + ", this service in "
                    + store.zone().getId() + ": give the writers and analytics-service the same STORE_ZONE");
        }
        return state;
    }
}
