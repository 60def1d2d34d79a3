package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One page of per-customer RFM rows, and how F was scored ({@code quintiles} or {@code thresholds}). */
public record RfmCustomerPage(LocalDate from, LocalDate to, String segment, String frequencyScoring, int page, int size,
        long total, List<Customer> customers) {

    /**
     * A person ({@code customerKey}: Olist's unique customer id, else the customer row id), days since the last sale counted
     * from the day after {@code to}, distinct orders, revenue, the three 1–5 scores and the segment.
     */
    public record Customer(String customerKey, int recency, long frequency, BigDecimal monetary, int r, int f, int m,
            String score, String segment) {
    }
}
