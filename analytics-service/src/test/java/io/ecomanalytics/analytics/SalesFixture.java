package io.ecomanalytics.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * The hand-computed data set of the analytics tests: 12 customer rows (11 persons: rows 11 and 12 share the Olist-style unique
 * id {@code person-A}), 4 products, 27 orders. Times are store-zone (UTC−3) wall times. The tests' expected values are worked
 * out from this listing in their comments.
 *
 * <pre>
 * products  P1 Alpha toys  price 10 cost 4   | P2 Beta toys  price 20 cost 10
 *           P3 Gamma books price 5  cost ?   | P4 Delta books price 30 cost 15     (? = unknown cost)
 * customers 1 SP, 2 SP, 3 RJ, 4 MG (SUDESTE); 5 RS, 6 PR (SUL); 7 BA, 8 PE (NORDESTE); 9 DF (CENTRO_OESTE);
 *           10 AM (NORTE); 11 SP and 12 RJ = person-A (SUDESTE)
 *
 * order cust local time           status       items             revenue cost
 *  1    1    2024-01-05 12:00     delivered    P1x2 P2x1         40      18
 *  2    1    2024-02-10 12:00     delivered    P1x1 P2x1         30      14
 *  3    1    2024-04-15 12:00     delivered    P2x2              40      20
 *  4    1    2024-06-20 12:00     delivered    P1x1 P4x1         40      19
 *  5    2    2024-01-20 12:00     delivered    P3x2              10      ?
 *  6    2    2024-03-31 23:30     delivered    P1x1 P3x1         15      ?    (UTC: 2024-04-01 02:30)
 *  7    2    2024-05-02 12:00     canceled     P4x3              90      45   (not a sale)
 *  8    3    2024-02-14 12:00     delivered    P4x2              60      30
 *  9    3    2024-06-28 12:00     delivered    P1x1 P2x1 P4x1    60      29
 * 10    4    2024-01-10 12:00     delivered    P2x1              20      10
 * 11    5    2024-03-03 12:00     delivered    P1x3              30      12
 * 12    5    2024-03-25 12:00     delivered    P1x1 P2x1         30      14
 * 13    5    2024-05-30 12:00     delivered    P2x1 P4x1         50      25
 * 14    6    2024-06-10 12:00     delivered    P3x4              20      ?
 * 15    7    2024-02-01 12:00     delivered    P1x1 P2x1         30      14
 * 16    7    2024-02-20 12:00     unavailable  P1x1              10      4    (not a sale)
 * 17    8    2024-04-05 12:00     delivered    P4x1              30      15
 * 18    8    2024-06-01 12:00     shipped      P1x2 P2x1         40      18
 * 19    9    2024-05-15 12:00     delivered    P1x1 P2x1 P3x1    35      ?
 * 20    10   2024-01-25 12:00     delivered    P2x1 P4x1         50      25
 * 21    10   2024-03-15 12:00     delivered    P1x1              10      4
 * 22    11   2024-03-10 12:00     delivered    P1x1 P2x1         30      14
 * 23    12   2024-06-15 12:00     delivered    P1x1 P4x1         40      19
 * 24    4    2023-12-20 12:00     delivered    P2x2              40      20   (previous period of H1 2024)
 * 25    9    2023-03-10 12:00     delivered    P1x5              50      20   (same period a year earlier)
 * 26    6    2024-07-05 12:00     delivered    P1x1              10      4    (after H1 2024)
 * 27    7    2023-12-31 23:30     delivered    P3x1              5       ?    (UTC: 2024-01-01 02:30; previous period)
 * </pre>
 *
 * Order revenue, cost and item count are then derived from the items as the loaders do (cost null when any item's is).
 */
public final class SalesFixture {
    private SalesFixture() {
    }

    public static void load(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.products, commerce.orders, commerce.order_items CASCADE");
            st.execute("INSERT INTO commerce.customers (id, unique_external_id, state, region, created_at) VALUES"
                    + " (1, NULL, 'SP', 'SUDESTE', '2023-01-01Z'), (2, NULL, 'SP', 'SUDESTE', '2023-01-01Z'),"
                    + " (3, NULL, 'RJ', 'SUDESTE', '2023-01-01Z'), (4, NULL, 'MG', 'SUDESTE', '2023-01-01Z'),"
                    + " (5, NULL, 'RS', 'SUL', '2023-01-01Z'), (6, NULL, 'PR', 'SUL', '2023-01-01Z'),"
                    + " (7, NULL, 'BA', 'NORDESTE', '2023-01-01Z'), (8, NULL, 'PE', 'NORDESTE', '2023-01-01Z'),"
                    + " (9, NULL, 'DF', 'CENTRO_OESTE', '2023-01-01Z'), (10, NULL, 'AM', 'NORTE', '2023-01-01Z'),"
                    + " (11, 'person-A', 'SP', 'SUDESTE', '2023-01-01Z'), (12, 'person-A', 'RJ', 'SUDESTE', '2023-01-01Z')");
            st.execute("INSERT INTO commerce.products (id, name, category, unit_price, unit_cost, lifecycle_stage) VALUES"
                    + " (1, 'Alpha', 'toys', 10, 4, 'decline'), (2, 'Beta', 'toys', 20, 10, 'growth'),"
                    + " (3, 'Gamma', 'books', 5, NULL, 'Growth'), (4, 'Delta', 'books', 30, 15, NULL)");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status) VALUES"
                    + " (1, 1, '2024-01-05 12:00-03', 'delivered'), (2, 1, '2024-02-10 12:00-03', 'delivered'),"
                    + " (3, 1, '2024-04-15 12:00-03', 'delivered'), (4, 1, '2024-06-20 12:00-03', 'delivered'),"
                    + " (5, 2, '2024-01-20 12:00-03', 'delivered'), (6, 2, '2024-03-31 23:30-03', 'delivered'),"
                    + " (7, 2, '2024-05-02 12:00-03', 'canceled'), (8, 3, '2024-02-14 12:00-03', 'delivered'),"
                    + " (9, 3, '2024-06-28 12:00-03', 'delivered'), (10, 4, '2024-01-10 12:00-03', 'delivered'),"
                    + " (11, 5, '2024-03-03 12:00-03', 'delivered'), (12, 5, '2024-03-25 12:00-03', 'delivered'),"
                    + " (13, 5, '2024-05-30 12:00-03', 'delivered'), (14, 6, '2024-06-10 12:00-03', 'delivered'),"
                    + " (15, 7, '2024-02-01 12:00-03', 'delivered'), (16, 7, '2024-02-20 12:00-03', 'unavailable'),"
                    + " (17, 8, '2024-04-05 12:00-03', 'delivered'), (18, 8, '2024-06-01 12:00-03', 'shipped'),"
                    + " (19, 9, '2024-05-15 12:00-03', 'delivered'), (20, 10, '2024-01-25 12:00-03', 'delivered'),"
                    + " (21, 10, '2024-03-15 12:00-03', 'delivered'), (22, 11, '2024-03-10 12:00-03', 'delivered'),"
                    + " (23, 12, '2024-06-15 12:00-03', 'delivered'), (24, 4, '2023-12-20 12:00-03', 'delivered'),"
                    + " (25, 9, '2023-03-10 12:00-03', 'delivered'), (26, 6, '2024-07-05 12:00-03', 'delivered'),"
                    + " (27, 7, '2023-12-31 23:30-03', 'delivered')");
            // (order, line, product, quantity); price and cost come from the product
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)"
                    + " SELECT v.o, v.l, p.id, v.q, p.unit_price, p.unit_cost FROM (VALUES"
                    + " (1, 1, 1, 2), (1, 2, 2, 1), (2, 1, 1, 1), (2, 2, 2, 1), (3, 1, 2, 2), (4, 1, 1, 1), (4, 2, 4, 1),"
                    + " (5, 1, 3, 2), (6, 1, 1, 1), (6, 2, 3, 1), (7, 1, 4, 3), (8, 1, 4, 2),"
                    + " (9, 1, 1, 1), (9, 2, 2, 1), (9, 3, 4, 1), (10, 1, 2, 1), (11, 1, 1, 3), (12, 1, 1, 1), (12, 2, 2, 1),"
                    + " (13, 1, 2, 1), (13, 2, 4, 1), (14, 1, 3, 4), (15, 1, 1, 1), (15, 2, 2, 1), (16, 1, 1, 1),"
                    + " (17, 1, 4, 1), (18, 1, 1, 2), (18, 2, 2, 1), (19, 1, 1, 1), (19, 2, 2, 1), (19, 3, 3, 1),"
                    + " (20, 1, 2, 1), (20, 2, 4, 1), (21, 1, 1, 1), (22, 1, 1, 1), (22, 2, 2, 1), (23, 1, 1, 1), (23, 2, 4, 1),"
                    + " (24, 1, 2, 2), (25, 1, 1, 5), (26, 1, 1, 1), (27, 1, 3, 1)"
                    + ") AS v(o, l, pid, q) JOIN commerce.products p ON p.id = v.pid");
            st.execute("UPDATE commerce.orders o SET item_count = t.items, revenue = t.revenue, cost = t.cost FROM ("
                    + "SELECT order_id, sum(quantity) AS items, sum(quantity * unit_price) AS revenue,"
                    + " CASE WHEN bool_and(unit_cost IS NOT NULL) THEN sum(quantity * unit_cost) END AS cost"
                    + " FROM commerce.order_items GROUP BY order_id) t WHERE t.order_id = o.id");
        }
    }
}
