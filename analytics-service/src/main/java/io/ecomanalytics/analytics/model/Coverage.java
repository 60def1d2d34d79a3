package io.ecomanalytics.analytics.model;

import java.time.OffsetDateTime;

/** How many orders are loaded and the first and last order time (null when there are none). */
public record Coverage(long orders, OffsetDateTime firstOrderAt, OffsetDateTime lastOrderAt) {
}
