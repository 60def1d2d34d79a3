package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.client.ApiClient;
import io.ecomanalytics.client.ApiException;
import io.ecomanalytics.client.GatewayClient;
import io.ecomanalytics.client.api.AnomaliesApi;
import io.ecomanalytics.client.api.AuthApi;
import io.ecomanalytics.client.api.CohortsApi;
import io.ecomanalytics.client.api.CustomersApi;
import io.ecomanalytics.client.api.FinancialApi;
import io.ecomanalytics.client.api.ForecastApi;
import io.ecomanalytics.client.api.GeographyApi;
import io.ecomanalytics.client.api.InfoApi;
import io.ecomanalytics.client.api.LifetimeValueApi;
import io.ecomanalytics.client.api.MetricsAdministrationApi;
import io.ecomanalytics.client.api.MetricsApi;
import io.ecomanalytics.client.api.ProductsApi;
import io.ecomanalytics.client.api.ReportsApi;
import io.ecomanalytics.client.api.SimulationsApi;
import io.ecomanalytics.client.api.StreamsApi;
import io.ecomanalytics.client.api.UsersApi;
import io.ecomanalytics.client.model.Area;
import io.ecomanalytics.client.model.BrazilianState;
import io.ecomanalytics.client.model.FinancialMetrics;
import io.ecomanalytics.client.model.FinancialSummary200Response;
import io.ecomanalytics.client.model.Granularity;
import io.ecomanalytics.client.model.LoginRequest;
import io.ecomanalytics.client.model.NewUser;
import io.ecomanalytics.client.model.Point;
import io.ecomanalytics.client.model.Region;
import io.ecomanalytics.client.model.Run;
import io.ecomanalytics.client.model.SimulationRequest;

/**
 * The Java client generated from {@code api/openapi.json} (module clients/java) drives the whole platform, and nothing else
 * does: it logs in, runs a small simulation and follows it to the end, calls every analytic with filters and checks that the
 * figures agree with each other, reads the live metrics, downloads the management report as a file, and a viewer it creates
 * reads JSON but may not export.
 */
class GeneratedClientIT {
    private static final String ADMIN = "client-it-admin";
    private static final String ADMIN_PASSWORD = "client-it-admin-password";
    private static final String VIEWER = "client-it-viewer";
    private static final String VIEWER_PASSWORD = "client-it-viewer-password";

    private static Platform platform;
    private static ApiClient admin;
    /** The whole store, unfiltered, after the simulation. */
    private static FinancialSummary200Response everything;
    /** The last 180 days of the data. */
    private static LocalDate from;
    private static LocalDate to;

    @BeforeAll
    static void logInAndSimulateASmallStore() throws ApiException {
        platform = Platform.shared();
        // the platform's admin makes this test an admin of its own: its calls then spend rate-limit buckets no other test uses
        ApiClient platformAdmin = logIn(Platform.ADMIN, platform.adminPassword());
        new UsersApi(platformAdmin)
                .createUserWithHttpInfo(new NewUser().username(ADMIN).password(ADMIN_PASSWORD).role("admin"));
        admin = logIn(ADMIN, ADMIN_PASSWORD);

        // a live stream left by another test would move the figures between two calls that must agree
        new StreamsApi(admin).stopOrderStream();
        SimulationsApi simulations = new SimulationsApi(admin);
        Run queued = simulations.startSimulation(
                new SimulationRequest().years(2).customersPerYear(300).productsPerYear(30).seed(2020L));
        UUID id = queued.getId();
        assertThat(id).as("the queued run's id").isNotNull();
        Run[] last = new Run[1];
        Awaitility.await("simulation " + id + " and its metrics rebuild").atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    last[0] = simulations.getSimulation(SimulationsApi.APIGetSimulationRequest.newBuilder().id(id).build());
                    assertThat(last[0].getStatus()).as("simulation %s: %s", id, last[0].getError()).isNotIn("FAILED",
                            "CANCELLED");
                    return "COMPLETED".equals(last[0].getStatus()) && "done".equals(last[0].getMetricsRebuild());
                });

        everything = new FinancialApi(admin).financialSummary(FinancialApi.APIFinancialSummaryRequest.newBuilder().build());
        // the simulation's writer built the sales mart: the answer says as of when
        assertThat(everything.getDataAsOf()).isNotNull();
        assertThat(everything.getCurrent().getOrders()).isPositive();
        to = everything.getTo();
        from = to.minusDays(179);
    }

    /** A client logged in through POST /auth/token, sending the access token it got on every call. */
    private static ApiClient logIn(String username, String password) throws ApiException {
        String[] token = new String[1];
        ApiClient client = GatewayClient.connect(platform.gateway(), () -> token[0]);
        var tokens = new AuthApi(client).login(new LoginRequest().username(username).password(password));
        assertThat(tokens.getTokenType()).isEqualToIgnoringCase("bearer");
        token[0] = tokens.getAccessToken();
        return client;
    }

    @Test
    void theSummaryIsTheSumOfItsTimeSeriesWithAndWithoutFilters() throws ApiException {
        FinancialApi financial = new FinancialApi(admin);
        List<Point> months = financial.financialTimeseries(FinancialApi.APIFinancialTimeseriesRequest.newBuilder()
                .granularity(Granularity.MONTH).build()).getPoints();
        assertThat(months).hasSizeGreaterThanOrEqualTo(24);
        assertSameTotals(everything.getCurrent(), months);

        FinancialSummary200Response saoPaulo = financial
                .financialSummary(FinancialApi.APIFinancialSummaryRequest.newBuilder().from(from)
                        .to(to).state(BrazilianState.SP).build());
        assertThat(saoPaulo.getFrom()).isEqualTo(from);
        assertThat(saoPaulo.getCurrent().getRevenue()).isPositive().isLessThan(everything.getCurrent().getRevenue());
        List<Point> days = financial
                .financialTimeseries(FinancialApi.APIFinancialTimeseriesRequest.newBuilder().from(from).to(to)
                        .state(BrazilianState.SP).granularity(Granularity.DAY).build())
                .getPoints();
        assertThat(days).hasSize(180);
        assertSameTotals(saoPaulo.getCurrent(), days);
        assertThat(saoPaulo.getPreviousPeriod().getTo()).isEqualTo(from.minusDays(1));

        String category = new ProductsApi(admin)
                .topProducts(ProductsApi.APITopProductsRequest.newBuilder().by("revenue").limit(1)
                        .build())
                .getProducts().get(0).getCategory();
        FinancialSummary200Response oneCategory = financial
                .financialSummary(FinancialApi.APIFinancialSummaryRequest.newBuilder()
                        .category(category).build());
        assertThat(oneCategory.getCurrent().getRevenue()).as("revenue of category %s", category).isPositive()
                .isLessThan(everything.getCurrent().getRevenue());
    }

    private static void assertSameTotals(FinancialMetrics total, List<Point> points) {
        assertThat(sum(points, p -> p.getMetrics().getRevenue())).isEqualByComparingTo(total.getRevenue());
        assertThat(sum(points, p -> BigDecimal.valueOf(p.getMetrics().getOrders()))).isEqualByComparingTo(
                BigDecimal.valueOf(total.getOrders()));
    }

    @Test
    void regionsAndStatesAddUpToTheSummary() throws ApiException {
        GeographyApi geography = new GeographyApi(admin);
        FinancialApi financial = new FinancialApi(admin);
        List<Area> regions = geography.geoRegions(GeographyApi.APIGeoRegionsRequest.newBuilder().build()).getAreas();
        assertThat(regions).isNotEmpty();
        assertThat(sum(regions, Area::getRevenue)).isEqualByComparingTo(everything.getCurrent().getRevenue());
        assertThat(sum(regions, a -> BigDecimal.valueOf(a.getOrders())))
                .isEqualByComparingTo(BigDecimal.valueOf(everything.getCurrent().getOrders()));

        List<Area> southeast = geography.geoStates(GeographyApi.APIGeoStatesRequest.newBuilder().from(from).to(to)
                .region(Region.SUDESTE).build()).getAreas();
        assertThat(southeast).isNotEmpty().allSatisfy(a -> assertThat(a.getRegion()).isEqualTo("SUDESTE"));
        assertThat(sum(southeast, Area::getRevenue)).isEqualByComparingTo(financial.financialSummary(
                FinancialApi.APIFinancialSummaryRequest.newBuilder().from(from).to(to).region(Region.SUDESTE).build())
                .getCurrent().getRevenue());
        Area saoPaulo = southeast.stream().filter(a -> "SP".equals(a.getState())).findFirst().orElseThrow();
        assertThat(saoPaulo.getRevenue())
                .isEqualByComparingTo(financial.financialSummary(FinancialApi.APIFinancialSummaryRequest
                        .newBuilder().from(from).to(to).state(BrazilianState.SP).build()).getCurrent().getRevenue());
    }

    @Test
    void customersCohortsAndSegmentsCountTheSamePeople() throws ApiException {
        CustomersApi customers = new CustomersApi(admin);
        var segments = customers.rfmSegments(CustomersApi.APIRfmSegmentsRequest.newBuilder().from(from).to(to)
                .region(Region.SUDESTE).build());
        assertThat(segments.getSegments()).isNotEmpty();
        assertThat(sum(segments.getSegments(), s -> BigDecimal.valueOf(s.getCustomers())))
                .isEqualByComparingTo(BigDecimal.valueOf(segments.getCustomers()));
        FinancialMetrics southeast = new FinancialApi(admin)
                .financialSummary(FinancialApi.APIFinancialSummaryRequest.newBuilder()
                        .from(from).to(to).region(Region.SUDESTE).build())
                .getCurrent();
        assertThat(segments.getCustomers()).isEqualTo(southeast.getUniqueCustomers());
        assertThat(segments.getRevenue()).isEqualByComparingTo(southeast.getRevenue());

        var page = customers.rfmCustomers(CustomersApi.APIRfmCustomersRequest.newBuilder().from(from).to(to)
                .region(Region.SUDESTE).sort("monetary").page(0).size(10).build());
        assertThat(page.getTotal()).isEqualTo(segments.getCustomers());
        assertThat(page.getCustomers()).hasSize((int) Math.min(10, page.getTotal()))
                .isSortedAccordingTo(Comparator.comparing((io.ecomanalytics.client.model.Customer c) -> c.getMonetary())
                        .reversed());

        var cohorts = new CohortsApi(admin).cohortRetention(CohortsApi.APICohortRetentionRequest.newBuilder().from(from).to(to)
                .state(BrazilianState.SP).granularity("MONTH").build()).getCohorts();
        assertThat(cohorts).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getSize()).isPositive();
            assertThat(c.getPeriods()).isNotEmpty();
        });
    }

    @Test
    void productsRankAndPair() throws ApiException {
        ProductsApi products = new ProductsApi(admin);
        var top = products.topProducts(ProductsApi.APITopProductsRequest.newBuilder().from(from).to(to).state(BrazilianState.SP)
                .by("revenue").limit(5).build()).getProducts();
        assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(5).isSortedAccordingTo(
                Comparator.comparing((io.ecomanalytics.client.model.TopProduct p) -> p.getRevenue()).reversed());
        var lifecycle = products.productLifecycle(ProductsApi.APIProductLifecycleRequest.newBuilder().from(from).to(to)
                .limit(20).build());
        assertThat(lifecycle.getProducts()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        var pairs = products.productCombinations(ProductsApi.APIProductCombinationsRequest.newBuilder()
                .minSupport(BigDecimal.ZERO).limit(5).build());
        assertThat(pairs.getOrders()).isPositive();
        assertThat(pairs.getPairs()).hasSizeLessThanOrEqualTo(5).allSatisfy(p -> {
            assertThat(p.getSupport()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
            assertThat(p.getOrders()).isLessThanOrEqualTo(Math.min(p.getOrdersWithA(), p.getOrdersWithB()));
        });
    }

    @Test
    void theModelsForecastScreenAndValue() throws ApiException {
        var forecast = new ForecastApi(admin).revenueForecast(ForecastApi.APIRevenueForecastRequest.newBuilder()
                .region(Region.SUDESTE).horizonWeeks(4).model("auto").build());
        assertThat(forecast.getForecast()).hasSize(4).allSatisfy(w -> {
            assertThat(w.getLower95()).isLessThanOrEqualTo(w.getLower80());
            assertThat(w.getUpper80()).isLessThanOrEqualTo(w.getUpper95());
        });

        var anomalies = new AnomaliesApi(admin).orderAnomalies(AnomaliesApi.APIOrderAnomaliesRequest.newBuilder().from(from)
                .to(to).limit(5).method("isolation-forest").build());
        assertThat(anomalies.getOrdersScored()).isPositive();
        assertThat(anomalies.getOrders()).isNotEmpty().hasSizeLessThanOrEqualTo(5).isSortedAccordingTo(
                Comparator.comparing((io.ecomanalytics.client.model.AnomalousOrder o) -> o.getScore()).reversed());

        LifetimeValueApi ltv = new LifetimeValueApi(admin);
        var values = ltv.lifetimeValue(LifetimeValueApi.APILifetimeValueRequest.newBuilder().months(6).page(0).size(5).build());
        assertThat(values.getRows()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        var first = values.getRows().get(0);
        var one = ltv.customerLifetimeValue(LifetimeValueApi.APICustomerLifetimeValueRequest.newBuilder()
                .id(first.getCustomerId()).months(6).build());
        assertThat(one.getCustomerId()).isEqualTo(first.getCustomerId());
        assertThat(one.getClv()).isEqualByComparingTo(first.getClv());

        assertThat(new InfoApi(admin).analyticsInfo(InfoApi.APIAnalyticsInfoRequest.newBuilder().build()).getService())
                .isNotBlank();
    }

    @Test
    void theLiveMetricsAgreeWithTheStore() throws ApiException {
        MetricsApi metrics = new MetricsApi(admin);
        LocalDate monthStart = to.minusDays(29);
        var days = metrics.dailyMetricsSeries(MetricsApi.APIDailyMetricsSeriesRequest.newBuilder().from(monthStart).to(to)
                .build());
        assertThat(days).hasSize(30);
        long orders = new FinancialApi(admin).financialSummary(FinancialApi.APIFinancialSummaryRequest.newBuilder()
                .from(monthStart).to(to).build()).getCurrent().getOrders();
        assertThat(days.stream().mapToLong(d -> d.getOrders()).sum()).isEqualTo(orders);

        var busy = days.stream().filter(d -> d.getOrders() > 0).findFirst().orElseThrow();
        var sameDay = metrics.dailyMetrics(MetricsApi.APIDailyMetricsRequest.newBuilder().date(busy.getDate()).build());
        assertThat(sameDay.getOrders()).isEqualTo(busy.getOrders());
        assertThat(sameDay.getRevenue()).isEqualByComparingTo(busy.getRevenue());
        assertThat(new MetricsAdministrationApi(admin).reconcileMetrics(MetricsAdministrationApi.APIReconcileMetricsRequest
                .newBuilder().date(busy.getDate()).build()).getConsistent())
                .as("Redis agrees with PostgreSQL on %s", busy.getDate())
                .isTrue();
        assertThat(metrics.regionRevenue(MetricsApi.APIRegionRevenueRequest.newBuilder().date(busy.getDate()).build()))
                .hasSize(5);
        assertThat(metrics.metricsTopProducts(MetricsApi.APIMetricsTopProductsRequest.newBuilder().limit(3).build()))
                .isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(metrics.metricsToday(MetricsApi.APIMetricsTodayRequest.newBuilder().build()).getDate()).isNotNull();
        assertThat(new InfoApi(admin).metricsInfo(InfoApi.APIMetricsInfoRequest.newBuilder().build()).getService())
                .isNotBlank();
    }

    @Test
    void theManagementReportDownloadsAsASpreadsheet() throws Exception {
        File report = new ReportsApi(admin)
                .managementReport(ReportsApi.APIManagementReportRequest.newBuilder().from(from).to(to)
                        .state(BrazilianState.SP).format("xlsx").build());
        try {
            // the central directory, as spreadsheet programs read a workbook
            List<String> entries;
            try (ZipFile zip = new ZipFile(report)) {
                entries = zip.stream().map(ZipEntry::getName).toList();
            }
            assertThat(entries).contains("xl/workbook.xml");
            assertThat(entries.stream().filter(e -> e.startsWith("xl/worksheets/"))).hasSizeGreaterThan(1);
        } finally {
            Files.deleteIfExists(report.toPath());
        }

        File pdf = new ReportsApi(admin).managementReport(ReportsApi.APIManagementReportRequest.newBuilder().from(from).to(to)
                .build());
        try {
            assertThat(new String(Files.readAllBytes(pdf.toPath()), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        } finally {
            Files.deleteIfExists(pdf.toPath());
        }
    }

    @Test
    void aViewerReadsJsonButMayNotExport() throws ApiException {
        var created = new UsersApi(admin).createUserWithHttpInfo(new NewUser().username(VIEWER).password(VIEWER_PASSWORD)
                .role("viewer"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getData().getRole()).isEqualTo("viewer");
        ApiClient viewer = logIn(VIEWER, VIEWER_PASSWORD);

        assertThat(new FinancialApi(viewer).financialSummary(FinancialApi.APIFinancialSummaryRequest.newBuilder().build())
                .getCurrent().getRevenue()).isPositive();
        assertThatThrownBy(() -> new ReportsApi(viewer).managementReport(ReportsApi.APIManagementReportRequest.newBuilder()
                .format("xlsx").build())).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getResponseBody()).contains("analyst");
                });
    }

    private static <T> BigDecimal sum(List<T> rows, Function<T, BigDecimal> value) {
        return rows.stream().map(value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
