package io.ecomanalytics.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role matrix, row by row. */
class RouteTableTest {

    @ParameterizedTest(name = "{0} {1} (Accept {2}) -> {3} needs {4}, bucket {5}")
    @CsvSource({
            "GET,  /api/v1/metrics/daily,                    ,         metrics,    viewer,  READS",
            "GET,  /api/v1/metrics/stream,                   ,         metrics,    viewer,  READS",
            "POST, /api/v1/metrics/rebuild,                  ,         metrics,    admin,   ADMIN",
            "GET,  /api/v1/metrics/reconcile,                ,         metrics,    analyst, HEAVY",
            "GET,  /api/v1/metrics/reconcile/x,              ,         metrics,    analyst, HEAVY",
            "POST, /api/v1/metrics/reconcile,                ,         metrics,    admin,   ADMIN",
            "GET,  /api/v1/metrics/info,                     ,         metrics,    admin,   ADMIN",
            "GET,  /api/v1/analytics/financial/summary,      ,         analytics,  viewer,  READS",
            "GET,  /api/v1/analytics/financial/summary,      text/csv, analytics,  analyst, READS",
            "GET,  /api/v1/metrics/daily,                    TEXT/CSV, metrics,    analyst, READS",
            "GET,  /api/v1/analytics/geo/states,             application/pdf, analytics, analyst, READS",
            "GET,  /api/v1/analytics/geo/states,             text/*,   analytics,  analyst, READS",
            "GET,  /api/v1/analytics/geo/states,             */*,      analytics,  viewer,  READS",
            "GET,  /api/v1/analytics/geo/states,             application/json, analytics, viewer, READS",
            "GET,  /api/v1/analytics/products/abc,           ,         analytics,  viewer,  READS",
            "GET,  /api/v1/analytics/geo/states,             ,         analytics,  viewer,  READS",
            "GET,  /api/v1/analytics/cohorts/monthly,        ,         analytics,  viewer,  HEAVY",
            "GET,  /api/v1/analytics/customers/rfm,          ,         analytics,  viewer,  HEAVY",
            "GET,  /api/v1/analytics/customers/ltv,          ,         analytics,  analyst, HEAVY",
            "GET,  /api/v1/analytics/forecast/revenue,       ,         analytics,  analyst, HEAVY",
            "GET,  /api/v1/analytics/anomalies/orders,       ,         analytics,  analyst, HEAVY",
            "GET,  /api/v1/analytics/customers/42/ltv,       ,         analytics,  analyst, HEAVY",
            "GET,  /api/v1/analytics/customers/rfm/segments, ,         analytics,  viewer,  HEAVY",
            "GET,  /api/v1/reports/monthly,                  ,         analytics,  analyst, HEAVY",
            "GET,  /api/v1/reports,                          ,         analytics,  analyst, HEAVY",
            "POST, /api/v1/reports/monthly,                  ,         analytics,  admin,   ADMIN",
            "GET,  /api/v1/analytics/info,                   ,         analytics,  admin,   ADMIN",
            "GET,  /api/v1/analytics/something-new,          ,         analytics,  admin,   ADMIN",
            "POST, /api/v1/analytics/financial/summary,      ,         analytics,  admin,   ADMIN",
            "POST, /api/v1/simulations,                      ,         simulator,  admin,   ADMIN",
            "POST, /api/v1/imports/olist,                    ,         simulator,  admin,   ADMIN",
            "GET,  /api/v1/streams/live,                     ,         simulator,  admin,   ADMIN",
            "GET,  /api/v1/data-quality/report,              ,         simulator,  admin,   ADMIN",
            "GET,  /api/v1/simulator/info,                   ,         simulator,  admin,   ADMIN",
            "GET,  /api/v1/users,                            ,         gateway,    admin,   ADMIN",
            "PATCH,/api/v1/users/7,                          ,         gateway,    admin,   ADMIN"})
    void routesEachPathToItsBackendRoleAndBucket(String method, String path, String accept, String backend,
            String role, RouteClass routeClass) {
        assertThat(RouteTable.match(method, path, accept))
                .contains(new RouteTable.Route(backend, role, routeClass));
    }

    // Accept is negotiated as the backends negotiate it: by quality, then the more specific range, then the caller's order;
    // the first range that picks JSON or a file decides (what generated clients send is a JSON call)
    @ParameterizedTest(name = "Accept {0}, format {1} -> {2}")
    @CsvSource({
            "'application/json, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0.5', , viewer",
            "'application/json;q=1, text/csv;charset=utf-8', , viewer",
            "'application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/pdf,"
                    + " application/problem+json', , viewer",
            "'text/csv, application/json', , analyst",
            "'application/json;q=0.4, text/csv', , analyst",
            "'application/pdf;q=0.9, application/json;q=0.8', , analyst",
            "'*/*, text/csv', , analyst",
            "'text/*', , analyst",
            "'text/csv;q=0, application/json', , viewer",
            "'application/*', , viewer",
            "'*/*', , viewer",
            "'application/problem+json, text/csv;q=0.1', , analyst",
            "application/json, csv,  analyst",
            "application/json, ' XLSX ', analyst",
            "                , pdf,  analyst",
            "application/json, json, viewer",
            "                ,     , viewer"})
    void treatsEveryKindOfExportRequestAsAnalystMaterial(String accept, String format, String role) {
        assertThat(RouteTable.match("GET", "/api/v1/analytics/financial/summary", accept,
                format == null ? List.of() : List.of(format)))
                .map(RouteTable.Route::role).contains(role);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/nothing", "/api/v2/metrics/daily", "/api", "/auth/token", "/api/v1/metricsx/daily"})
    void knowsNoRouteOutsideTheServices(String path) {
        assertThat(RouteTable.match("GET", path, null)).isEmpty();
    }
}
