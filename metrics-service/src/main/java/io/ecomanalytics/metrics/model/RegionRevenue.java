package io.ecomanalytics.metrics.model;

import java.math.BigDecimal;

/** Revenue of one region (customer's region, {@link io.ecomanalytics.contracts.geo.Region} code) on one day. */
public record RegionRevenue(String region, String name, BigDecimal revenue) {
}
