package io.ecomanalytics.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.ecomanalytics.contracts.geo.BrazilianState;

/**
 * Loads Olist CSVs (gzip, Kaggle columns) into schema {@code commerce} with COPY, the way an import maps them: one customer row
 * per Olist customer id carrying the person's unique id, purchase times read in the store zone, one item per line (quantity 1,
 * unknown cost), order revenue = sum of item prices (no freight).
 */
public final class OlistLoader {
    /** Opens one of the four files by its Olist name, e.g. {@code olist_orders_dataset.csv.gz}. */
    @FunctionalInterface
    public interface Files {
        InputStream open(String name) throws IOException;
    }

    private OlistLoader() {
    }

    public static void load(DataSource dataSource, Files files, String zone) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("TRUNCATE commerce.customers, commerce.products, commerce.orders, commerce.order_items CASCADE");
            st.execute("CREATE TEMP TABLE o_orders (order_id text, customer_id text, status text, purchased text,"
                    + " approved text, carrier text, delivered text, estimated text) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE o_customers (customer_id text, unique_id text, zip text, city text,"
                    + " state text) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE o_items (order_id text, line int, product_id text, seller_id text,"
                    + " shipping_limit text, price numeric, freight numeric) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE o_products (product_id text, category text, name_length text,"
                    + " description_length text, photos text, weight text, length text, height text, width text)"
                    + " ON COMMIT DROP");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, files, "olist_orders_dataset.csv.gz", "o_orders");
            copy(copy, files, "olist_customers_dataset.csv.gz", "o_customers");
            copy(copy, files, "olist_order_items_dataset.csv.gz", "o_items");
            copy(copy, files, "olist_products_dataset.csv.gz", "o_products");
            String regions = Arrays.stream(BrazilianState.values())
                    .map(s -> "('" + s.uf() + "', '" + s.region().name() + "')").collect(Collectors.joining(", "));
            st.execute("INSERT INTO commerce.customers (external_id, unique_external_id, state, region, city, zip_prefix,"
                    + " created_at) SELECT customer_id, unique_id, state, r.region, city, zip, '2016-01-01Z'"
                    + " FROM o_customers LEFT JOIN (VALUES " + regions + ") AS r(uf, region) ON r.uf = state");
            st.execute("INSERT INTO commerce.products (external_id, category) SELECT product_id, nullif(category, '')"
                    + " FROM o_products");
            st.execute("INSERT INTO commerce.orders (external_id, customer_id, ordered_at, status)"
                    + " SELECT o.order_id, c.id, o.purchased::timestamp AT TIME ZONE '" + zone + "', o.status"
                    + " FROM o_orders o JOIN commerce.customers c ON c.external_id = o.customer_id");
            // as the importer does: Olist gives no sign-up date, a customer row's first purchase stands in
            st.execute("UPDATE commerce.customers c SET created_at = f.first FROM (SELECT customer_id, min(ordered_at)"
                    + " AS first FROM commerce.orders GROUP BY customer_id) f WHERE f.customer_id = c.id");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, freight)"
                    + " SELECT o.id, i.line, p.id, 1, i.price, i.freight FROM o_items i"
                    + " JOIN commerce.orders o ON o.external_id = i.order_id"
                    + " JOIN commerce.products p ON p.external_id = i.product_id");
            st.execute("UPDATE commerce.orders o SET item_count = t.items, revenue = t.revenue,"
                    + " freight = t.freight FROM (SELECT order_id, sum(quantity) AS items,"
                    + " sum(quantity * unit_price) AS revenue, sum(freight) AS freight FROM commerce.order_items"
                    + " GROUP BY order_id) t WHERE t.order_id = o.id");
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static void copy(CopyManager copy, Files files, String name, String table)
            throws SQLException, IOException {
        try (InputStream in = new GZIPInputStream(files.open(name))) {
            copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", in);
        }
    }
}
