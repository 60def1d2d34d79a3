package io.ecomanalytics.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ecomanalytics.simulator.TestSql;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Stores other than {@link SimulationServiceTest}'s, each replacing the data: the olist-like profile, and a store without a
 * warm-up next to one with.
 */
@QuarkusTest
class SimulationServiceVariantsTest {
    private static final ZoneId STORE_ZONE = ZoneId.of("America/Sao_Paulo");

    @Inject
    SimulationService simulations;
    @Inject
    DataSource dataSource;
    private TestSql db;

    @BeforeEach
    void connect() {
        db = new TestSql(dataSource);
    }

    @Test
    void theOlistLikeProfileHasMostlyOneTimeBuyersSaoPauloHeavyDemandAndTheBlackFriday2017Spike() throws SQLException {
        Run olist = run(new SimulationRequest(2, 10_000, 50, LocalDate.of(2017, 1, 1), 11L, 0.0, "olist-like", 0.15, null,
                true));
        JsonNode truth = olist.result().get("groundTruth");
        assertThat(truth.get("r").asDouble()).isEqualTo(0.05);
        assertThat(truth.get("alpha").asDouble()).isEqualTo(400);
        assertThat(truth.get("a").asDouble()).isEqualTo(2.0);
        assertThat(truth.get("b").asDouble()).isEqualTo(3.0);

        // Olist: 96.9% of buyers order once. The profile's model gives 96.2% for 2 years after the default 5-year warm-up
        // (97.1% without), with a standard deviation of 0.16 points at ~21,000 buyers: 3 of them either side
        double oneTimers = db.number("SELECT avg((n = 1)::int)::float8 FROM (SELECT count(*) AS n FROM commerce.orders"
                + " GROUP BY customer_id) c");
        assertThat(oneTimers).isBetween(0.957, 0.967);
        // São Paulo holds 42% of Olist's customers (21.9% of the population); binomial sd 0.34 points at ~21,000
        double saoPaulo = db.number("SELECT avg((state = 'SP')::int)::float8 FROM commerce.customers");
        assertThat(saoPaulo).isBetween(0.41, 0.43);

        // Black Friday 2017 (24 November) is the year's busiest day. Against November's days outside its week the
        // calendar expects Friday 0.96 x week 2.2 x day 2.0 / mean weekday index of those 23 days 1.0035 = 4.21 times the
        // orders; at ~30 orders on an ordinary November day (~125 that Friday) a Poisson sd of 0.41: 3 of them either side
        assertThat(db.strings("SELECT (ordered_at AT TIME ZONE 'America/Sao_Paulo')::date::text FROM commerce.orders"
                + " WHERE ordered_at >= ? AND ordered_at < ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", day(2017, 1, 1),
                day(2018, 1, 1))).containsExactly("2017-11-24");
        double spike = db.number("SELECT count(*) FILTER (WHERE d = '2017-11-24')::float8"
                + " / (count(*) FILTER (WHERE d NOT BETWEEN '2017-11-20' AND '2017-11-26') / 23.0)"
                + " FROM (SELECT (ordered_at AT TIME ZONE 'America/Sao_Paulo')::date AS d FROM commerce.orders) o"
                + " WHERE d BETWEEN '2017-11-01' AND '2017-11-30'");
        assertThat(spike).isBetween(3.0, 5.4);
    }

    @Test
    void withoutAWarmUpEveryCustomerIsAcquiredInTheWindowAndTheWindowsCohortsAreTheSame() throws SQLException {
        OffsetDateTime start = day(2023, 1, 1);
        Run warm = run(new SimulationRequest(1, 3000, 40, LocalDate.of(2023, 1, 1), 5L, 0.0, "default", 0.15, 3, true));
        JsonNode warmTruth = warm.result().get("groundTruth");
        // 3 years of 3000 / 1.15^k new customers before the start: 1973, 2268, 2609
        assertThat(warmTruth.get("warmUpCustomersByYear").toString()).isEqualTo("[1973,2268,2609]");
        long beforeStart = warmTruth.get("customersBeforeStart").asLong();
        assertThat(beforeStart).isPositive();
        assertThat(db.longs("SELECT count(*) FROM commerce.customers WHERE created_at < ?", start))
                .containsExactly(beforeStart);
        String warmCohorts = windowCohorts(start);

        Run cold = run(new SimulationRequest(1, 3000, 40, LocalDate.of(2023, 1, 1), 5L, 0.0, "default", 0.15, 0, true));
        JsonNode coldTruth = cold.result().get("groundTruth");
        assertThat(coldTruth.get("warmUpYears").asInt()).isZero();
        assertThat(coldTruth.get("warmUpCustomersByYear")).isEmpty();
        assertThat(coldTruth.get("customersBeforeStart").asLong()).isZero();
        assertThat(db.longs("SELECT count(*) FROM commerce.customers WHERE created_at < ?", start)).containsExactly(0L);
        assertThat(db.longs("SELECT count(*) FROM commerce.customers")).containsExactly(3000L);
        // the warm-up adds customers and their orders, and changes nothing of the customers acquired in the window
        assertThat(cold.counts().get("orders")).isLessThan(warm.counts().get("orders"));
        assertThat(windowCohorts(start)).isEqualTo(warmCohorts);
    }

    private Run run(SimulationRequest request) {
        Run run = simulations.runHere(request, (phase, percent) -> {
        });
        assertThat(run.status()).isEqualTo(Run.COMPLETED);
        return run;
    }

    /** md5 of the customers created from {@code start} on with their order times and totals, ids left out. */
    private String windowCohorts(OffsetDateTime start) throws SQLException {
        return db.strings("SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (SELECT (c.created_at, c.name, c.segment,"
                + " c.state, array_agg((o.ordered_at, o.status, o.revenue, o.freight) ORDER BY o.ordered_at))::text AS x"
                + " FROM commerce.customers c JOIN commerce.orders o ON o.customer_id = c.id WHERE c.created_at >= ?"
                + " GROUP BY c.id) t", start).get(0);
    }

    private static OffsetDateTime day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(STORE_ZONE).toOffsetDateTime();
    }
}
