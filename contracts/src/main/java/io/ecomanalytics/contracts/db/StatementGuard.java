package io.ecomanalytics.contracts.db;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * Ties the SQL statement a call runs to the call's HTTP caller: when the caller goes away (it disconnected, or the gateway gave
 * up on it and closed the connection), the statement is cancelled at once instead of running on to the statement timeout.
 * Outside an HTTP call (a scheduled job, a consumer thread) the statement just runs. The database's own bounds
 * ({@code statement_timeout}, {@code client_connection_check_interval}: contracts' shared configuration) stop the rest,
 * including statements whose service process died.
 */
@ApplicationScoped
public class StatementGuard {
    private static final Logger LOG = Logger.getLogger(StatementGuard.class);

    /** Work on a statement that may throw what JDBC throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work}, which executes {@code statement}, cancelling the statement if the current caller goes away. */
    public <T> T run(Statement statement, Work<T> work) throws SQLException {
        RoutingContext call = currentCall();
        if (call == null) {
            return work.run();
        }
        if (call.response().closed()) {
            throw new ApiException(499, null, "the caller went away before the query started");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        int handler = call.addEndHandler(ended -> {
            if (ended.failed() && running.get()) {
                // pgjdbc's cancel opens a connection of its own: never on the event loop that saw the caller go
                Infrastructure.getDefaultWorkerPool().execute(() -> cancel(statement, running));
            }
        });
        try {
            return work.run();
        } finally {
            running.set(false);
            call.removeEndHandler(handler);
        }
    }

    private static void cancel(Statement statement, AtomicBoolean running) {
        if (!running.get()) {
            return;
        }
        try {
            statement.cancel();
            LOG.debug("caller went away: its statement was cancelled");
        } catch (SQLException e) {
            LOG.debugf("cancelling the statement of a departed caller failed: %s", e.getMessage());
        }
    }

    private static RoutingContext currentCall() {
        ManagedContext requests = Arc.container().requestContext();
        if (!requests.isActive()) {
            return null;
        }
        CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
        return current == null ? null : current.getCurrent();
    }
}
