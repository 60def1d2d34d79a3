package io.ecomanalytics.metrics.model;

/** A product and the quantity of it sold. */
public record ProductQuantity(long productId, long quantity) {
}
