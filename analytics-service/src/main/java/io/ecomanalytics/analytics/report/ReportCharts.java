package io.ecomanalytics.analytics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import io.ecomanalytics.analytics.forecast.RevenueForecast;
import io.ecomanalytics.analytics.model.CohortRetention;
import io.ecomanalytics.analytics.model.FinancialTimeseries;
import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.exports.model.Chart;
import io.ecomanalytics.exports.writer.ExportFonts;

/**
 * The report's charts, drawn server-side with JFreeChart (headless) in the exports' embedded font: revenue over time, the
 * cohort retention heatmap, revenue by region, and the forecast with its 80% and 95% bands after the recent history.
 */
final class ReportCharts {
    private static final Color LINE = new Color(0x1F, 0x5A, 0x96);
    private static final Color FORECAST = new Color(0xD9, 0x6C, 0x1E);
    /** Weeks of history drawn before the forecast. */
    private static final int HISTORY_WEEKS = 26;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    private static Chart of(JFreeChart chart, float aspectRatio) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return new Chart() {
            @Override
            public void draw(java.awt.Graphics2D graphics, java.awt.geom.Rectangle2D area) {
                chart.draw(graphics, area);
            }

            @Override
            public float aspectRatio() {
                return aspectRatio;
            }
        };
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("export");
        theme.setExtraLargeFont(ExportFonts.awt(true, 12));
        theme.setLargeFont(ExportFonts.awt(true, 9));
        theme.setRegularFont(ExportFonts.awt(false, 8));
        theme.setSmallFont(ExportFonts.awt(false, 7));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        theme.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        return theme;
    }

    private static Day day(LocalDate date) {
        return new Day(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()),
                java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
    }

    static Chart revenue(FinancialTimeseries series) {
        TimeSeries revenue = new TimeSeries("revenue");
        series.points().forEach(p -> revenue.addOrUpdate(day(p.period()), p.metrics().revenue()));
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Revenue per " + series.granularity().unit(), null,
                "revenue", new TimeSeriesCollection(revenue), false, false, false);
        theme().apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, series.points().size() <= 60);
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesStroke(0, new BasicStroke(1.6f));
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(new DecimalFormat("#,##0"));
        ((DateAxis) plot.getDomainAxis()).setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        return of(chart, 0.42f);
    }

    /** Cohorts (rows, oldest on top) by months since acquisition, each cell the share of the cohort that bought. */
    static Chart cohortHeatmap(CohortRetention retention) {
        List<CohortRetention.Cohort> cohorts = retention.cohorts();
        int cells = cohorts.stream().mapToInt(c -> c.periods().size()).sum();
        double[][] xyz = new double[3][cells];
        int i = 0;
        String[] names = new String[cohorts.size()];
        for (int row = 0; row < cohorts.size(); row++) {
            CohortRetention.Cohort cohort = cohorts.get(row);
            names[cohorts.size() - 1 - row] = cohort.cohort().toString().substring(0, 7);
            for (CohortRetention.Cell cell : cohort.periods()) {
                xyz[0][i] = cell.period();
                xyz[1][i] = cohorts.size() - 1 - row;
                // period 0 is 100% by definition: drawn on the same scale as the others would wash them out
                xyz[2][i] = cell.period() == 0
                        ? Double.NaN
                        : cell.customerRetention() == null ? 0 : cell.customerRetention().doubleValue();
                i++;
            }
        }
        double max = 0;
        for (double z : xyz[2]) {
            max = Double.isNaN(z) ? max : Math.max(max, z);
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("retention", xyz);
        NumberAxis periods = new NumberAxis("months after the first purchase");
        periods.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        periods.setLowerMargin(0);
        periods.setUpperMargin(0);
        periods.setRange(-0.5, cohorts.stream().mapToInt(c -> c.periods().size()).max().orElse(1) - 0.5);
        SymbolAxis rows = new SymbolAxis("cohort", names);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockAnchor(org.jfree.chart.ui.RectangleAnchor.CENTER);
        Scale scale = new Scale(Math.max(max, 0.01));
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, periods, rows, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart("Customer retention by monthly cohort", plot);
        theme().apply(chart);
        chart.removeLegend();
        NumberAxis legendAxis = new NumberAxis("share of the cohort buying again");
        legendAxis.setNumberFormatOverride(new DecimalFormat("0%"));
        legendAxis.setRange(0, scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legendAxis.setTickLabelFont(ExportFonts.awt(false, 7));
        legendAxis.setLabelFont(ExportFonts.awt(false, 8));
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 8, 4, 4));
        chart.addSubtitle(legend);
        return of(chart, Math.min(0.8f, 0.2f + 0.03f * cohorts.size()));
    }

    /** White (none) to dark blue (the most retained cell); gray for the 100% of period 0. */
    private record Scale(double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return new Color(0xBB, 0xBB, 0xBB);
            }
            double t = Math.max(0, Math.min(1, value / upper));
            return new Color((int) (255 - t * (255 - 0x08)), (int) (255 - t * (255 - 0x30)),
                    (int) (255 - t * (255 - 0x6B)));
        }
    }

    static Chart regions(GeoBreakdown regions) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        regions.areas().forEach(a -> data.addValue(a.revenue(), "revenue", a.region()));
        JFreeChart chart = ChartFactory.createBarChart("Revenue by region", null, "revenue", data,
                PlotOrientation.HORIZONTAL, false, false, false);
        theme().apply(chart);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, LINE);
        ((org.jfree.chart.renderer.category.BarRenderer) chart.getCategoryPlot().getRenderer())
                .setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setNumberFormatOverride(new DecimalFormat("#,##0"));
        return of(chart, 0.3f);
    }

    /** The last weeks of history, then the forecast with its 95% and 80% bands. */
    static Chart forecast(RevenueForecast forecast, FinancialTimeseries weekly) {
        YIntervalSeries band95 = new YIntervalSeries("95% interval");
        YIntervalSeries band80 = new YIntervalSeries("80% interval");
        YIntervalSeries point = new YIntervalSeries("forecast (" + forecast.model() + ")");
        YIntervalSeries history = new YIntervalSeries("revenue");
        if (weekly != null) {
            List<FinancialTimeseries.Point> points = weekly.points();
            for (FinancialTimeseries.Point p : points.subList(Math.max(0, points.size() - HISTORY_WEEKS), points.size())) {
                double y = p.metrics().revenue().doubleValue();
                history.add(millis(p.period()), y, y, y);
            }
        }
        for (RevenueForecast.Week w : forecast.forecast()) {
            double x = millis(w.weekStart());
            band95.add(x, w.revenue().doubleValue(), w.lower95().doubleValue(), w.upper95().doubleValue());
            band80.add(x, w.revenue().doubleValue(), w.lower80().doubleValue(), w.upper80().doubleValue());
            point.add(x, w.revenue().doubleValue(), w.revenue().doubleValue(), w.revenue().doubleValue());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(band95);
        data.addSeries(band80);
        data.addSeries(point);
        data.addSeries(history);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        DateAxis time = new DateAxis(null);
        time.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        NumberAxis revenue = new NumberAxis("weekly revenue");
        revenue.setNumberFormatOverride(new DecimalFormat("#,##0"));
        revenue.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, time, revenue, renderer);
        JFreeChart chart = new JFreeChart("Revenue forecast, " + forecast.horizonWeeks() + " weeks", plot);
        theme().apply(chart);
        renderer.setSeriesFillPaint(0, new Color(0xF6, 0xD5, 0xBC));
        renderer.setSeriesFillPaint(1, new Color(0xEE, 0xAE, 0x80));
        renderer.setSeriesFillPaint(2, FORECAST);
        renderer.setSeriesFillPaint(3, LINE);
        renderer.setSeriesPaint(0, new Color(0xF6, 0xD5, 0xBC));
        renderer.setSeriesPaint(1, new Color(0xEE, 0xAE, 0x80));
        renderer.setSeriesPaint(2, FORECAST);
        renderer.setSeriesPaint(3, LINE);
        for (int s = 0; s < 4; s++) {
            renderer.setSeriesStroke(s, new BasicStroke(s >= 2 ? 1.8f : 0.5f));
        }
        renderer.setAlpha(1f);
        return of(chart, 0.45f);
    }

    private static double millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
