package io.ecomanalytics.analytics;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import io.agroal.api.AgroalDataSource;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.quarkus.runtime.StartupEvent;

/**
 * Produces the {@link Writer} datasource: the service's read-write datasource on the primary
 * ({@code quarkus.datasource.primary}, which only Flyway uses in the service), each of whose connections brings the sales mart
 * up to date when it is closed - what simulator-service does after each of its writes. A test that needs to see a refresh
 * itself (SalesMartTest) uses the plain primary datasource.
 */
@ApplicationScoped
public class WriterDataSource {
    private static final Duration REFRESH_TIMEOUT = Duration.ofMinutes(5);

    /** What simulator-service does when it starts: builds the mart of the (newly cleaned) test database. */
    void buildTheMart(@Observes StartupEvent event, @io.quarkus.agroal.DataSource("primary") AgroalDataSource writer,
            StoreSettings store) throws SQLException {
        SalesMartRefresh.refresh(writer, store.zone(), REFRESH_TIMEOUT);
    }

    @Produces
    @Writer
    @ApplicationScoped
    DataSource refreshing(@io.quarkus.agroal.DataSource("primary") AgroalDataSource writer, StoreSettings store) {
        return new Refreshing(writer, store);
    }

    /** Hands out the writer's connections; closing one refreshes the mart. */
    private record Refreshing(DataSource writer, StoreSettings store) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = writer.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(connection, args);
                            if (method.getName().equals("close")) {
                                SalesMartRefresh.refresh(writer, store.zone(), REFRESH_TIMEOUT);
                            }
                            return result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the writer's own credentials only");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return writer.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return writer.isWrapperFor(type);
        }
    }
}
