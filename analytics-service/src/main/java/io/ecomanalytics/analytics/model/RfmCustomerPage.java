package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** One page of per-customer RFM rows. */
public record RfmCustomerPage(LocalDate from, LocalDate to, String segment, int page, int size, long total,
        List<Customer> customers) implements CsvExportable {

    /**
     * A person ({@code customerKey}: Olist's unique customer id, else the customer row id), days since the last sale counted
     * from the day after {@code to}, distinct orders, revenue, the three 1–5 scores and the segment.
     */
    public record Customer(String customerKey, int recency, long frequency, BigDecimal monetary, int r, int f, int m,
            String score, String segment) {
    }

    @Override
    public CsvTable toCsv() {
        return new CsvTable(List.of("customerKey", "recency", "frequency", "monetary", "r", "f", "m", "score",
                "segment"),
                customers.stream()
                        .map(c -> Arrays.<Object>asList(c.customerKey(), c.recency(), c.frequency(), c.monetary(),
                                c.r(), c.f(), c.m(), c.score(), c.segment()))
                        .toList());
    }
}
