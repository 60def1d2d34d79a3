package io.ecomanalytics.simulator.imports.orderlines;

import static io.ecomanalytics.simulator.imports.validation.Rules.integer;
import static io.ecomanalytics.simulator.imports.validation.Rules.nonNegativeDecimal;
import static io.ecomanalytics.simulator.imports.validation.Rules.notLoaded;
import static io.ecomanalytics.simulator.imports.validation.Rules.plausibleDate;
import static io.ecomanalytics.simulator.imports.validation.Rules.required;
import static io.ecomanalytics.simulator.imports.validation.Rules.timestamp;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.simulator.imports.ImportProgress;
import io.ecomanalytics.simulator.imports.ImportReport;
import io.ecomanalytics.simulator.imports.ImportRun;
import io.ecomanalytics.simulator.imports.ImportSettings;
import io.ecomanalytics.simulator.imports.OrderStatuses;
import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.ecomanalytics.simulator.imports.csv.CsvReader;
import io.ecomanalytics.simulator.imports.csv.CsvRow;
import io.ecomanalytics.simulator.imports.db.CommerceStore;
import io.ecomanalytics.simulator.imports.validation.Rule;
import io.ecomanalytics.simulator.imports.validation.Validation;

/**
 * Loads a generic order-lines file (the UCI Online Retail shape) in one transaction: each invoice becomes an order, each stock
 * code a product, each customer id a customer, and each line an order item in file order. Cancellations are kept: an invoice
 * numbered {@code C…} or holding a negative quantity becomes a {@code canceled} order whose quantities are stored as their
 * absolute values (the schema requires quantity > 0). A line without customer id belongs to a guest customer of its own invoice
 * ({@code external_id = guest:<invoice>}, segment {@code guest}), so its revenue is kept and no person is invented.
 */
@ApplicationScoped
public class OrderLinesImporter {
    public static final String KIND = "import-order-lines";
    static final String GUEST_PREFIX = "guest:";
    static final String GUEST_SEGMENT = "guest";

    private final CommerceStore store;
    private final ImportSettings settings;
    private final StoreSettings storeSettings;

    public OrderLinesImporter(CommerceStore store, ImportSettings settings, StoreSettings storeSettings) {
        this.store = store;
        this.settings = settings;
        this.storeSettings = storeSettings;
    }

    /** Checks the header, encoding and compression of the file without loading it. */
    public static void check(CsvInput input, OrderLinesOptions options) {
        CsvReader.check(input, options.mapping().columns());
    }

    public ImportReport run(CsvInput input, OrderLinesOptions options, ImportProgress progress,
            BooleanSupplier cancelled) {
        OrderLinesMapping m = options.mapping();
        ImportRun run = new ImportRun(KIND, options.replace(), options.dateFormat(), settings, storeSettings, progress,
                cancelled);
        run.phase("read " + input.name(), 0);
        List<CsvRow> rows = run.read(input, m.columns());
        return run.load(store, options.replace(), c -> {
            run.phase("validate", 35);
            Set<String> invoices = new HashSet<>();
            rows.forEach(r -> invoices.add(r.get(m.invoice())));
            invoices.remove(null);
            Map<String, Long> oldOrders = CommerceStore.existingIds(c, "orders", invoices);
            Rule<CsvRow> nonZero = Rule.of("non-zero:" + m.quantity(), (row, ctx) -> "0".equals(
                    row.get(m.quantity())) ? Optional.of(m.quantity() + " is 0") : Optional.empty());
            List<CsvRow> lines = run.validate(input.name(), rows,
                    Validation.of(required(m.invoice()), required(m.stockCode()), required(m.quantity()),
                            required(m.invoiceDate()), required(m.unitPrice()),
                            integer(m.quantity(), -Integer.MAX_VALUE, Integer.MAX_VALUE), nonZero,
                            timestamp(m.invoiceDate()), plausibleDate(m.invoiceDate()),
                            nonNegativeDecimal(m.unitPrice()), notLoaded(r -> r.get(m.invoice()), oldOrders::containsKey)),
                    r -> r.get(m.invoice()) + "/" + r.get(m.stockCode()));
            run.phase("write", 50);
            new Writer(c, run, m, lines).write();
        });
    }

    /** Groups the accepted lines into invoices, customers and products and writes them. */
    private static final class Writer {
        private final Connection c;
        private final ImportRun run;
        private final OrderLinesMapping m;
        private final Map<String, List<CsvRow>> invoices = new LinkedHashMap<>();
        private final Map<String, CsvRow> customers = new LinkedHashMap<>();
        private final Map<String, OffsetDateTime> firstSeen = new LinkedHashMap<>();
        private final Map<String, String> products = new LinkedHashMap<>();

        Writer(Connection c, ImportRun run, OrderLinesMapping m, List<CsvRow> lines) {
            this.c = c;
            this.run = run;
            this.m = m;
            for (CsvRow line : lines) {
                invoices.computeIfAbsent(line.get(m.invoice()), k -> new ArrayList<>()).add(line);
                String customer = customerKey(line);
                customers.putIfAbsent(customer, line);
                firstSeen.merge(customer, at(line), (a, b) -> a.isBefore(b) ? a : b);
                // A stock code keeps the first description it is seen with (UCI has a few codes described twice).
                String description = line.get(m.description());
                products.merge(line.get(m.stockCode()), description == null ? "" : description,
                        (old, next) -> old.isEmpty() ? next : old);
            }
        }

        private String customerKey(CsvRow line) {
            String id = line.get(m.customerId());
            return id != null ? id : GUEST_PREFIX + line.get(m.invoice());
        }

        private OffsetDateTime at(CsvRow line) {
            return run.context().timestamp(line.get(m.invoiceDate()));
        }

        private static List<String> notIn(Set<String> keys, Map<String, Long> old) {
            return keys.stream().filter(k -> !old.containsKey(k)).toList();
        }

        void write() {
            Map<String, Long> oldProducts = CommerceStore.existingIds(c, "products", products.keySet());
            Map<String, Long> oldCustomers = CommerceStore.existingIds(c, "customers", customers.keySet());
            Map<String, Long> productIds = CommerceStore.assignIds(c, "products", notIn(products.keySet(), oldProducts),
                    oldProducts);
            Map<String, Long> customerIds = CommerceStore.assignIds(c, "customers", notIn(customers.keySet(), oldCustomers),
                    oldCustomers);
            Map<String, Long> orderIds = CommerceStore.assignIds(c, "orders", invoices.keySet(), Map.of());

            CommerceStore.copy(c, "products", List.of("id", "external_id", "name"), out -> {
                for (var p : products.entrySet()) {
                    if (!oldProducts.containsKey(p.getKey())) {
                        out.printRecord(productIds.get(p.getKey()), p.getKey(), p.getValue().isEmpty()
                                ? null
                                : p.getValue());
                    }
                }
            });
            run.phase("write customers", 60);
            CommerceStore.copy(c, "customers", List.of("id", "external_id", "segment", "country", "created_at"),
                    out -> {
                        for (var e : customers.entrySet()) {
                            if (!oldCustomers.containsKey(e.getKey())) {
                                run.row();
                                out.printRecord(customerIds.get(e.getKey()), e.getKey(),
                                        e.getKey().startsWith(GUEST_PREFIX) ? GUEST_SEGMENT : null,
                                        e.getValue().get(m.country()), firstSeen.get(e.getKey()));
                            }
                        }
                    });
            run.phase("write orders", 70);
            CommerceStore.copy(c, "orders", List.of("id", "external_id", "customer_id", "ordered_at", "status",
                    "item_count", "revenue", "freight"), out -> {
                        for (var invoice : invoices.entrySet()) {
                            run.row();
                            List<CsvRow> lines = invoice.getValue();
                            boolean canceled = invoice.getKey().toUpperCase(Locale.ROOT).startsWith("C");
                            OffsetDateTime orderedAt = at(lines.get(0));
                            int units = 0;
                            BigDecimal revenue = BigDecimal.ZERO;
                            for (CsvRow line : lines) {
                                int quantity = Integer.parseInt(line.get(m.quantity()));
                                canceled |= quantity < 0;
                                units += Math.abs(quantity);
                                revenue = revenue.add(new BigDecimal(line.get(m.unitPrice()))
                                        .multiply(BigDecimal.valueOf(Math.abs(quantity))));
                                // Lines of one invoice may differ by a minute; the order is placed at the first.
                                if (at(line).isBefore(orderedAt)) {
                                    orderedAt = at(line);
                                }
                            }
                            out.printRecord(orderIds.get(invoice.getKey()), invoice.getKey(),
                                    customerIds.get(customerKey(lines.get(0))), orderedAt,
                                    canceled ? OrderStatuses.CANCELED : OrderStatuses.DELIVERED, units, revenue,
                                    BigDecimal.ZERO);
                        }
                    });
            run.phase("write items", 80);
            CommerceStore.copy(c, "order_items", List.of("order_id", "line_no", "product_id", "quantity", "unit_price"),
                    out -> {
                        for (var invoice : invoices.entrySet()) {
                            int lineNo = 0;
                            for (CsvRow line : invoice.getValue()) {
                                run.row();
                                out.printRecord(orderIds.get(invoice.getKey()), ++lineNo,
                                        productIds.get(line.get(m.stockCode())),
                                        Math.abs(Integer.parseInt(line.get(m.quantity()))), line.get(m.unitPrice()));
                            }
                        }
                    });
        }
    }
}
