package io.ecomanalytics.simulator.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;

import io.ecomanalytics.simulator.imports.olist.OlistFile;
import io.ecomanalytics.simulator.imports.olist.OlistSource;

/** The committed fixtures (see {@code src/test/resources/imports/README.md}) and SQL helpers the import tests share. */
public final class ImportFixtures {
    public static final String VALID_OLIST = "/imports/olist/valid";
    public static final String BAD_OLIST = "/imports/olist/bad";
    public static final String ORDER_LINES = "/imports/order-lines/online_retail_sample.csv";

    private ImportFixtures() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(ImportFixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path inside the imports root the tests run with ({@code %test.imports.root}: the fixtures' folder). */
    public static Path inRoot(String name) {
        return Path.of(ConfigProvider.getConfig().getValue("imports.root", String.class)).toAbsolutePath().resolve(name);
    }

    /** The Olist files of a folder, as the imports root hands them to the importer. */
    public static OlistSource olistSource(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return OlistSource.fromFiles(files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the valid Olist folder in {@code dir}, each file of {@code overrides} replacing the one of its role. */
    public static Path olistCopy(Path dir, Path... overrides) {
        try {
            for (Path overrideDir : overrides) {
                try (Stream<Path> files = Files.list(overrideDir)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, dir.resolve(f.getFileName()));
                    }
                }
            }
            try (Stream<Path> files = Files.list(resource(VALID_OLIST))) {
                for (Path f : files.toList()) {
                    OlistFile role = OlistFile.forName(f.getFileName().toString()).orElseThrow();
                    if (!hasRole(dir, role)) {
                        Files.copy(f, dir.resolve(f.getFileName()));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasRole(Path dir, OlistFile role) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> OlistFile.forName(f.getFileName().toString()).orElse(null) == role);
        }
    }

    public static void emptyCommerce(DataSource ds) {
        execute(ds, "TRUNCATE commerce.reviews, commerce.payments, commerce.order_items, commerce.orders,"
                + " commerce.customers, commerce.products, commerce.sellers, commerce.runs");
    }

    /** Row counts of the tables an import writes, in a fixed order for readable assertions. */
    public static Map<String, Long> counts(DataSource ds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : new String[]{"orders", "order_items", "payments", "customers", "products", "sellers",
                "reviews"}) {
            counts.put(t, queryLong(ds, "SELECT count(*) FROM commerce." + t));
        }
        return counts;
    }

    public static long queryLong(DataSource ds, String sql) {
        Object v = query(ds, sql);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static BigDecimal queryDecimal(DataSource ds, String sql) {
        return (BigDecimal) query(ds, sql);
    }

    public static String queryString(DataSource ds, String sql) {
        Object v = query(ds, sql);
        return v == null ? null : v.toString();
    }

    private static Object query(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
