package io.ecomanalytics.simulator.imports.olist;

import static io.ecomanalytics.simulator.imports.validation.Rules.foreignKey;
import static io.ecomanalytics.simulator.imports.validation.Rules.integer;
import static io.ecomanalytics.simulator.imports.validation.Rules.nonNegativeDecimal;
import static io.ecomanalytics.simulator.imports.validation.Rules.notLoaded;
import static io.ecomanalytics.simulator.imports.validation.Rules.oneOf;
import static io.ecomanalytics.simulator.imports.validation.Rules.parentAccepted;
import static io.ecomanalytics.simulator.imports.validation.Rules.plausibleDate;
import static io.ecomanalytics.simulator.imports.validation.Rules.required;
import static io.ecomanalytics.simulator.imports.validation.Rules.timestamp;
import static io.ecomanalytics.simulator.imports.validation.Rules.unique;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.simulator.imports.ImportOptions;
import io.ecomanalytics.simulator.imports.ImportProgress;
import io.ecomanalytics.simulator.imports.ImportReport;
import io.ecomanalytics.simulator.imports.ImportRun;
import io.ecomanalytics.simulator.imports.ImportSettings;
import io.ecomanalytics.simulator.imports.OrderStatuses;
import io.ecomanalytics.simulator.imports.csv.CsvRow;
import io.ecomanalytics.simulator.imports.db.CommerceStore;
import io.ecomanalytics.simulator.imports.validation.Validation;

/**
 * Loads the Olist data set into schema {@code commerce} in one transaction: reads and checks every file, validates each row
 * against named rules (a refused order takes its items, payments and reviews with it), then writes the accepted rows with COPY
 * under ids reserved from the tables' sequences. Olist has no costs: costs and list prices stay null.
 */
@ApplicationScoped
public class OlistImporter {
    public static final String KIND = "import-olist";
    /** Olist writes timestamps without zone, in the store's local time. */
    static final DateTimeFormatter TIMESTAMPS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Every Olist customer is in Brazil; the column exists for order-lines imports from elsewhere. */
    static final String COUNTRY = "Brazil";
    private static final Set<String> UFS = Arrays.stream(BrazilianState.values()).map(BrazilianState::uf)
            .collect(Collectors.toSet());

    private final CommerceStore store;
    private final ImportSettings settings;
    private final StoreSettings storeSettings;

    public OlistImporter(CommerceStore store, ImportSettings settings, StoreSettings storeSettings) {
        this.store = store;
        this.settings = settings;
        this.storeSettings = storeSettings;
    }

    public ImportReport run(OlistSource source, ImportOptions options, ImportProgress progress,
            BooleanSupplier cancelled) {
        ImportRun run = new ImportRun(KIND, options.replace(), TIMESTAMPS, settings, storeSettings, progress, cancelled);
        Map<OlistFile, List<CsvRow>> rows = new EnumMap<>(OlistFile.class);
        int done = 0;
        for (var entry : source.files().entrySet()) {
            run.phase("read " + entry.getValue().name(), 30.0 * done++ / source.files().size());
            rows.put(entry.getKey(), run.read(entry.getValue(), entry.getKey().columns()));
        }
        return run.load(store, options.replace(), c -> new Load(c, run, source, rows).validateAndWrite());
    }

    /** One import's rows, keys and ids while it validates and writes. */
    private static final class Load {
        private final Connection c;
        private final ImportRun run;
        private final OlistSource source;
        private final Map<OlistFile, List<CsvRow>> rows;
        private final OffsetDateTime now = OffsetDateTime.now();

        Load(Connection c, ImportRun run, OlistSource source, Map<OlistFile, List<CsvRow>> rows) {
            this.c = c;
            this.run = run;
            this.source = source;
            this.rows = rows;
        }

        private List<CsvRow> rows(OlistFile f) {
            return rows.getOrDefault(f, List.of());
        }

        private String name(OlistFile f) {
            return source.file(f).orElseThrow().name();
        }

        /** The ids already loaded for every key this import mentions, in any of its files. */
        private Map<String, Long> loaded(String table, OlistFile own, String column, OlistFile... referring) {
            Set<String> keys = new HashSet<>();
            rows(own).forEach(r -> keys.add(r.get(column)));
            for (OlistFile f : referring) {
                rows(f).forEach(r -> keys.add(r.get(column)));
            }
            keys.remove(null);
            return CommerceStore.existingIds(c, table, keys);
        }

        void validateAndWrite() {
            run.phase("validate", 35);
            Map<String, String> english = new HashMap<>();
            if (source.file(OlistFile.TRANSLATIONS).isPresent()) {
                var accepted = run.validate(name(OlistFile.TRANSLATIONS), rows(OlistFile.TRANSLATIONS),
                        Validation.of(required("product_category_name"), required("product_category_name_english"),
                                unique(r -> r.get("product_category_name"))),
                        r -> r.get("product_category_name"));
                accepted.forEach(r -> english.put(r.get("product_category_name"), r.get("product_category_name_english")));
            }

            Map<String, Long> oldProducts = loaded("products", OlistFile.PRODUCTS, "product_id", OlistFile.ITEMS);
            Map<String, Long> oldSellers = loaded("sellers", OlistFile.SELLERS, "seller_id", OlistFile.ITEMS);
            Map<String, Long> oldCustomers = loaded("customers", OlistFile.CUSTOMERS, "customer_id", OlistFile.ORDERS);
            Map<String, Long> oldOrders = loaded("orders", OlistFile.ORDERS, "order_id");

            List<CsvRow> products = run.validate(name(OlistFile.PRODUCTS), rows(OlistFile.PRODUCTS),
                    Validation.of(required("product_id"), unique(r -> r.get("product_id")),
                            notLoaded(r -> r.get("product_id"), oldProducts::containsKey)),
                    r -> r.get("product_id"));
            List<CsvRow> sellers = run.validate(name(OlistFile.SELLERS), rows(OlistFile.SELLERS),
                    Validation.of(required("seller_id"), oneOf("state:seller_state", "seller_state", UFS),
                            unique(r -> r.get("seller_id")), notLoaded(r -> r.get("seller_id"), oldSellers::containsKey)),
                    r -> r.get("seller_id"));
            List<CsvRow> customers = run.validate(name(OlistFile.CUSTOMERS), rows(OlistFile.CUSTOMERS),
                    Validation.of(required("customer_id"), required("customer_unique_id"),
                            oneOf("state:customer_state", "customer_state", UFS), unique(r -> r.get("customer_id")),
                            notLoaded(r -> r.get("customer_id"), oldCustomers::containsKey)),
                    r -> r.get("customer_id"));
            Set<String> customerIds = keys(customers, "customer_id");
            customerIds.addAll(oldCustomers.keySet());

            List<CsvRow> orders = run.validate(name(OlistFile.ORDERS), rows(OlistFile.ORDERS),
                    Validation.of(required("order_id"), required("customer_id"), required("order_status"),
                            required("order_purchase_timestamp"), timestamp("order_purchase_timestamp"),
                            timestamp("order_approved_at"), timestamp("order_delivered_carrier_date"),
                            timestamp("order_delivered_customer_date"), timestamp("order_estimated_delivery_date"),
                            plausibleDate("order_purchase_timestamp"),
                            oneOf("status", "order_status", OrderStatuses.ALL),
                            foreignKey("customer_id", "customer", customerIds::contains), unique(r -> r.get("order_id")),
                            notLoaded(r -> r.get("order_id"), oldOrders::containsKey)),
                    r -> r.get("order_id"));
            Set<String> orderIds = keys(orders, "order_id");
            Set<String> rejectedOrders = keys(rows(OlistFile.ORDERS), "order_id");
            rejectedOrders.removeAll(orderIds);

            Set<String> productIds = keys(products, "product_id");
            productIds.addAll(oldProducts.keySet());
            Set<String> sellerIds = keys(sellers, "seller_id");
            sellerIds.addAll(oldSellers.keySet());
            run.phase("validate items", 45);
            List<CsvRow> items = run.validate(name(OlistFile.ITEMS), rows(OlistFile.ITEMS),
                    Validation.of(parentAccepted("order_id", rejectedOrders::contains), required("order_id"),
                            required("order_item_id"), required("product_id"), required("price"),
                            integer("order_item_id", 1, Integer.MAX_VALUE), timestamp("shipping_limit_date"),
                            nonNegativeDecimal("price"), nonNegativeDecimal("freight_value"),
                            foreignKey("order_id", "order", orderIds::contains),
                            foreignKey("product_id", "product", productIds::contains),
                            foreignKey("seller_id", "seller", sellerIds::contains),
                            unique(r -> r.get("order_id") + "/" + r.get("order_item_id"))),
                    r -> r.get("order_id") + "/" + r.get("order_item_id"));
            List<CsvRow> payments = source.file(OlistFile.PAYMENTS).isEmpty()
                    ? List.of()
                    : run.validate(name(OlistFile.PAYMENTS), rows(OlistFile.PAYMENTS),
                            Validation.of(parentAccepted("order_id", rejectedOrders::contains), required("order_id"),
                                    required("payment_sequential"), required("payment_type"),
                                    required("payment_value"), integer("payment_sequential", 1, Integer.MAX_VALUE),
                                    integer("payment_installments", 0, Integer.MAX_VALUE),
                                    nonNegativeDecimal("payment_value"),
                                    foreignKey("order_id", "order", orderIds::contains),
                                    unique(r -> r.get("order_id") + "/" + r.get("payment_sequential"))),
                            r -> r.get("order_id") + "/" + r.get("payment_sequential"));
            List<CsvRow> reviews = source.file(OlistFile.REVIEWS).isEmpty()
                    ? List.of()
                    : run.validate(name(OlistFile.REVIEWS), rows(OlistFile.REVIEWS),
                            Validation.of(parentAccepted("order_id", rejectedOrders::contains), required("review_id"),
                                    required("order_id"), required("review_score"), integer("review_score", 1, 5),
                                    timestamp("review_creation_date"), timestamp("review_answer_timestamp"),
                                    foreignKey("order_id", "order", orderIds::contains),
                                    unique(r -> r.get("review_id") + "/" + r.get("order_id"))),
                            r -> r.get("review_id") + "/" + r.get("order_id"));

            run.phase("write", 55);
            Map<String, Long> productId = CommerceStore.assignIds(c, "products", keys(products, "product_id"), oldProducts);
            Map<String, Long> sellerId = CommerceStore.assignIds(c, "sellers", keys(sellers, "seller_id"), oldSellers);
            Map<String, Long> customerId = CommerceStore.assignIds(c, "customers", keys(customers, "customer_id"),
                    oldCustomers);
            Map<String, Long> orderId = CommerceStore.assignIds(c, "orders", keys(orders, "order_id"), Map.of());

            CommerceStore.copy(c, "products", List.of("id", "external_id", "category"), out -> {
                for (CsvRow r : products) {
                    run.row();
                    String category = r.get("product_category_name");
                    out.printRecord(productId.get(r.get("product_id")), r.get("product_id"),
                            category == null ? null : english.getOrDefault(category, category));
                }
            });
            CommerceStore.copy(c, "sellers", List.of("id", "external_id", "state", "city", "zip_prefix"), out -> {
                for (CsvRow r : sellers) {
                    run.row();
                    out.printRecord(sellerId.get(r.get("seller_id")), r.get("seller_id"), r.get("seller_state"),
                            r.get("seller_city"), r.get("seller_zip_code_prefix"));
                }
            });
            run.phase("write customers", 65);
            // Olist gives no sign-up date: a customer id exists for one order, so its first purchase stands in.
            Map<String, OffsetDateTime> firstPurchase = new HashMap<>();
            for (CsvRow r : orders) {
                firstPurchase.merge(r.get("customer_id"), ts(r, "order_purchase_timestamp"),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
            CommerceStore.copy(c, "customers", List.of("id", "external_id", "unique_external_id", "region", "state",
                    "city", "zip_prefix", "country", "created_at"), out -> {
                        for (CsvRow r : customers) {
                            run.row();
                            String state = r.get("customer_state");
                            out.printRecord(customerId.get(r.get("customer_id")), r.get("customer_id"),
                                    r.get("customer_unique_id"),
                                    BrazilianState.fromUf(state).map(s -> s.region().name()).orElse(null), state,
                                    r.get("customer_city"), r.get("customer_zip_code_prefix"), COUNTRY,
                                    firstPurchase.getOrDefault(r.get("customer_id"), now));
                        }
                    });

            run.phase("write orders", 75);
            Map<String, Totals> totals = new HashMap<>();
            for (CsvRow r : items) {
                totals.computeIfAbsent(r.get("order_id"), k -> new Totals()).add(dec(r, "price"), dec(r, "freight_value"));
            }
            CommerceStore.copy(c, "orders", List.of("id", "external_id", "customer_id", "ordered_at", "status",
                    "approved_at", "shipped_at", "delivered_at", "estimated_delivery_at", "item_count", "revenue",
                    "freight"), out -> {
                        for (CsvRow r : orders) {
                            run.row();
                            Totals t = totals.getOrDefault(r.get("order_id"), new Totals());
                            out.printRecord(orderId.get(r.get("order_id")), r.get("order_id"),
                                    customerId.get(r.get("customer_id")), ts(r, "order_purchase_timestamp"),
                                    r.get("order_status"), ts(r, "order_approved_at"),
                                    ts(r, "order_delivered_carrier_date"), ts(r, "order_delivered_customer_date"),
                                    ts(r, "order_estimated_delivery_date"), t.count, t.revenue, t.freight);
                        }
                    });
            run.phase("write items", 85);
            CommerceStore.copy(c, "order_items", List.of("order_id", "line_no", "product_id", "seller_id", "quantity",
                    "unit_price", "freight", "shipping_limit_at"), out -> {
                        for (CsvRow r : items) {
                            run.row();
                            BigDecimal freight = dec(r, "freight_value");
                            out.printRecord(orderId.get(r.get("order_id")), r.get("order_item_id"),
                                    productId.get(r.get("product_id")),
                                    r.get("seller_id") == null ? null : sellerId.get(r.get("seller_id")), 1,
                                    r.get("price"), freight == null ? BigDecimal.ZERO : freight,
                                    ts(r, "shipping_limit_date"));
                        }
                    });
            run.phase("write payments", 92);
            CommerceStore.copy(c, "payments", List.of("order_id", "seq", "type", "installments", "amount"), out -> {
                for (CsvRow r : payments) {
                    run.row();
                    String installments = r.get("payment_installments");
                    out.printRecord(orderId.get(r.get("order_id")), r.get("payment_sequential"), r.get("payment_type"),
                            installments == null ? 1 : installments, r.get("payment_value"));
                }
            });
            CommerceStore.copy(c, "reviews", List.of("external_id", "order_id", "score", "comment_title",
                    "comment_message", "created_at", "answered_at"), out -> {
                        for (CsvRow r : reviews) {
                            run.row();
                            out.printRecord(r.get("review_id"), orderId.get(r.get("order_id")), r.get("review_score"),
                                    r.get("review_comment_title"), r.get("review_comment_message"),
                                    ts(r, "review_creation_date"), ts(r, "review_answer_timestamp"));
                        }
                    });
        }

        private OffsetDateTime ts(CsvRow r, String column) {
            return run.context().timestamp(r.get(column));
        }

        private static BigDecimal dec(CsvRow r, String column) {
            String v = r.get(column);
            return v == null ? null : new BigDecimal(v);
        }

        private static Set<String> keys(List<CsvRow> rows, String column) {
            return rows.stream().map(r -> r.get(column)).filter(k -> k != null)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }

    /** The sums an order carries from its items: Olist has one row per unit, so the count is the number of rows. */
    private static final class Totals {
        int count;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal freight = BigDecimal.ZERO;

        void add(BigDecimal price, BigDecimal freightValue) {
            count++;
            revenue = revenue.add(price);
            if (freightValue != null) {
                freight = freight.add(freightValue);
            }
        }
    }
}
