package io.ecomanalytics.metrics.rest;

import static io.ecomanalytics.exports.model.Column.date;
import static io.ecomanalytics.exports.model.Column.id;
import static io.ecomanalytics.exports.model.Column.integer;
import static io.ecomanalytics.exports.model.Column.money;
import static io.ecomanalytics.exports.model.Column.text;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.exports.model.Column;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.ExportMapper;
import io.ecomanalytics.exports.model.Rows;
import io.ecomanalytics.exports.model.Section;
import io.ecomanalytics.metrics.model.DailyMetrics;
import io.ecomanalytics.metrics.model.ProductQuantity;
import io.ecomanalytics.metrics.model.ReconcileReport;
import io.ecomanalytics.metrics.model.RegionRevenue;

/** The tables of the metrics answers for CSV, Excel and PDF: the JSON fields as columns, one row per day, product or region. */
@ApplicationScoped
public class MetricsExports implements ExportMapper {
    private static final List<Column> DAILY = List.of(date("date"), money("revenue"), integer("orders"),
            integer("activeCustomers"), money("averageTicket"), id("topProductId"), integer("topProductQuantity"));

    @Override
    public Export toExport(Object entity, Type type) {
        if (entity instanceof DailyMetrics day) {
            return Export.of("Metrics of " + day.date(), day.date(), day.date(), daily(List.of(day)));
        }
        if (entity instanceof ReconcileReport report) {
            return Export.of("Reconcile " + report.date() + (report.consistent() ? ": consistent" : ": differences"),
                    report.date(), report.date(), Section.table("differences", "Differences", List.of(text("key"),
                            text("member"), text("redis"), text("postgres")),
                            Rows.of(report.differences(), d -> Arrays.asList(d.key(), d.member(), d.redis(),
                                    d.postgres())))
                            .withNote(report.consistent() ? "Redis matches PostgreSQL." : null));
        }
        if (entity instanceof InfoResource.Info info) {
            return Export.of("Metrics service", null, null, Section.table("info", "Service", List.of(text("name"),
                    text("value")),
                    Rows.ofArrays(new Object[]{"service", info.service()},
                            new Object[]{"caller", String.valueOf(info.caller())}, new Object[]{"stream", info.stream()},
                            new Object[]{"streamLength", String.valueOf(info.streamLength())})));
        }
        if (entity instanceof List<?> list) {
            Class<?> element = element(type);
            if (element == DailyMetrics.class) {
                List<DailyMetrics> days = list.stream().map(DailyMetrics.class::cast).toList();
                return Export.of("Daily metrics", days.isEmpty() ? null : days.get(0).date(),
                        days.isEmpty() ? null : days.get(days.size() - 1).date(), daily(days));
            }
            if (element == ProductQuantity.class) {
                return Export.of("Top products (all time)", null, null, Section.table("products", "By quantity",
                        List.of(id("productId"), integer("quantity")), Rows.of(list.stream().map(
                                ProductQuantity.class::cast).toList(), p -> Arrays.asList(p.productId(), p.quantity()))));
            }
            if (element == RegionRevenue.class) {
                return Export.of("Revenue by region", null, null, Section.table("regions", "Revenue by region",
                        List.of(text("region"), text("name"), money("revenue")), Rows.of(list.stream().map(
                                RegionRevenue.class::cast).toList(),
                                r -> Arrays.asList(r.region(), r.name(),
                                        r.revenue()))));
            }
        }
        return null;
    }

    private static Section daily(List<DailyMetrics> days) {
        return Section.table("daily", "Daily figures", DAILY, Rows.of(days, d -> Arrays.asList(d.date(), d.revenue(),
                d.orders(), d.activeCustomers(), d.averageTicket(), d.topProduct() == null
                        ? null
                        : d.topProduct()
                                .productId(),
                d.topProduct() == null ? null : d.topProduct().quantity())));
    }

    private static Class<?> element(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
