package io.ecomanalytics.analytics.repository;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/**
 * The sales mart state one call reads, once: its answer, its {@code dataAsOf} and its cache keys all refer to the same data
 * version.
 */
@RequestScoped
public class CallData {
    private Optional<SalesMart.State> mart;

    /** Null until read. */
    Optional<SalesMart.State> mart() {
        return mart;
    }

    void mart(Optional<SalesMart.State> state) {
        this.mart = state;
    }
}
