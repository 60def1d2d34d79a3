package io.ecomanalytics.analytics.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation whose JSON answer may come from Redis, shared by every replica, under the data version and the canonical
 * request ({@link HttpCaching}). Files (CSV, Excel, PDF) are always computed: a whole list can be hundreds of megabytes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CachedAnswer {
    /**
     * Whether an answer computed for a call is kept (true: expensive answers - models fitted, every order scored - behind the
     * analyst role). False: only the answers {@link OpeningView} computes ahead are found there. A viewer may ask for any
     * period of a light analysis; kept, each distinct request would be an entry of up to
     * {@code analytics.cache.max-entry-bytes} for an hour, so Redis's memory would follow a caller's request rate.
     */
    boolean keepsComputed() default true;
}
