package io.ecomanalytics.gateway.routing;

/** Classes of routes that get a token bucket of their own. */
public enum RouteClass {
    /** Cheap reads: metrics, descriptive analytics. */
    READS("reads"),
    /** Analytics that scan or fit a lot: forecast, anomalies, LTV, cohorts, RFM. */
    HEAVY("heavy"),
    /** Administration: simulations, imports, streams, rebuild, users. */
    ADMIN("admin"),
    /** Login and token refresh, limited per client address. */
    AUTH("auth");

    private final String key;

    RouteClass(String key) {
        this.key = key;
    }

    /** The name in Redis keys and configuration. */
    public String key() {
        return key;
    }
}
