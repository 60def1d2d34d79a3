package io.ecomanalytics.analytics.cache;

import jakarta.enterprise.context.RequestScoped;

import io.ecomanalytics.analytics.repository.SalesMart;

/** What {@link HttpCaching} decided for one call before the operation ran, for its response filter. */
@RequestScoped
public class CachedCall {
    private String operation;
    private SalesMart.State state;
    private String etag;
    private String storeAs;
    private boolean served;

    /** The operation's id; null when the call is not a GET of an operation. */
    String operation() {
        return operation;
    }

    void operation(String id) {
        this.operation = id;
    }

    /** The data state the answer refers to; null when the mart was never built. */
    SalesMart.State state() {
        return state;
    }

    void state(SalesMart.State value) {
        this.state = value;
    }

    String etag() {
        return etag;
    }

    void etag(String value) {
        this.etag = value;
    }

    /** The Redis key the answer is to be kept under, when it is a heavy one that was not there yet. */
    String storeAs() {
        return storeAs;
    }

    void storeAs(String key) {
        this.storeAs = key;
    }

    /** Whether the answer came from a cache (304 or Redis): already final. */
    boolean isServed() {
        return served;
    }

    void served() {
        this.served = true;
    }
}
