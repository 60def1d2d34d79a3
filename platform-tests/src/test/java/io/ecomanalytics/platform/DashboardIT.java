package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser against the whole platform: log-in and its error, every tab drawn, the KPIs equal to the
 * API's answer, a filter that changes a chart, the Live tab moving with a live order stream, downloads (an Excel file whose
 * figures are the API's, a PDF), and what a viewer may not see. Screenshots of every tab go to target/screenshots, or to the
 * folder named by -Ddashboard.screenshots (docs/dashboard).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final String VIEWER = "viewer-it";
    private static final String VIEWER_PASSWORD = "viewer-it-password";
    private static final List<String> ALL_TABS = List.of("overview", "cohorts", "customers", "ltv", "products", "geography",
            "forecast", "anomalies", "live", "admin");

    private static Platform platform;
    private static PlatformClient client;
    private Browser browser;
    private DashboardPage page;

    @BeforeAll
    static void platformWithASmallStoreAndAViewer() {
        platform = Platform.shared();
        client = platform.client();
        String admin = client.adminToken();
        client.simulate(admin, Map.of("years", 2, "customersPerYear", 400, "productsPerYear", 40, "seed", 11),
                Duration.ofMinutes(5));
        client.createUser(admin, VIEWER, VIEWER_PASSWORD, "viewer");
    }

    @BeforeEach
    void browser() {
        browser = Browser.open();
        page = new DashboardPage(browser, platform);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aWrongPasswordShowsTheErrorAndNoData() {
        page.open("").logIn(Platform.ADMIN, "not-the-password");
        assertThat(page.loginError()).contains("Wrong user name or password");
        assertThat(browser.driver().findElements(By.cssSelector("nav.tabs"))).isEmpty();
    }

    @Test
    void anAdminOpensEveryTabAndEachDrawsWithoutAnError() {
        page.open("").logIn(Platform.ADMIN, platform.adminPassword());
        assertThat(page.tabs()).containsExactlyElementsOf(ALL_TABS);
        Path shots = Path.of(System.getProperty("dashboard.screenshots", "target/screenshots"));
        for (String tab : ALL_TABS) {
            WebElement section = page.openTab(tab);
            assertThat(page.failedPanels()).as("panels in error on tab %s", tab).isEmpty();
            assertThat(section.findElements(By.cssSelector(".panel"))).as("panels of %s", tab).isNotEmpty();
            assertThat(section.findElements(By.cssSelector(".panel[data-state='loading']"))).as("still loading on %s", tab)
                    .isEmpty();
            browser.screenshot(shots.resolve(tab + ".png"));
        }
    }

    @Test
    void theOverviewShowsTheApisKeyFiguresForTheSameFilter() {
        page.open("#/overview").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("overview");
        String admin = client.adminToken();
        assertKpisEqual(client.get(admin, "/api/v1/analytics/financial/summary").path("current"));

        LocalDate today = LocalDate.now();
        page.open("#/overview?range=last90&state=SP");
        page.awaitRendered("overview");
        JsonNode filtered = client.get(admin, "/api/v1/analytics/financial/summary?from=" + today.minusDays(89) + "&to=" + today
                + "&state=SP").path("current");
        if (filtered.path("orders").asLong() > 0) {
            assertKpisEqual(filtered);
        } else {
            assertThat(browser.driver().findElement(By.cssSelector("[data-panel='kpis']")).getAttribute("data-state"))
                    .isEqualTo("empty");
        }
    }

    private void assertKpisEqual(JsonNode api) {
        for (String kpi : List.of("revenue", "grossProfit", "orders", "averageTicket", "uniqueCustomers", "margin")) {
            assertThat(page.kpi(kpi)).as("KPI %s", kpi).isEqualByComparingTo(new BigDecimal(api.path(kpi).asText()));
        }
        // what the card shows, not only what it carries
        assertThat(page.kpiCard("orders").findElement(By.cssSelector(".kpi-value")).getText())
                .isEqualTo(NumberFormat.getIntegerInstance(Locale.US).format(api.path("orders").asLong()));
        // money always shows two decimals (R$104,304.30), as a currency format does
        NumberFormat money = NumberFormat.getNumberInstance(Locale.US);
        money.setMinimumFractionDigits(2);
        money.setMaximumFractionDigits(2);
        assertThat(page.kpiCard("revenue").findElement(By.cssSelector(".kpi-value")).getText())
                .isEqualTo("R$" + money.format(api.path("revenue").decimalValue()));
    }

    @Test
    void aFilterChangesTheChartAndStaysInTheUrlAcrossAReload() {
        page.open("#/overview?gran=month").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("overview");
        BigDecimal everywhere = page.chartSum("timeseries");

        page.selectFilter("f-state", "SP");
        page.awaitRedrawn("overview", "state=SP");
        BigDecimal saoPaulo = page.chartSum("timeseries");
        assertThat(saoPaulo).isPositive().isNotEqualByComparingTo(everywhere);

        browser.driver().navigate().refresh();
        page.awaitRendered("overview");
        assertThat(page.selectedFilter("f-state")).isEqualTo("SP");
        assertThat(page.chartSum("timeseries")).isEqualByComparingTo(saoPaulo);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the orders it streams in would move the other tests' figures while they compare
    void theLiveTabMovesWithALiveOrderStreamWithoutReloading() {
        page.open("#/live").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("live");
        browser.until("the stream open", d -> "open".equals(d.findElement(By.id("live-status")).getAttribute("data-state")));
        BigDecimal before = page.kpi("live-orders");
        browser.script("window.notReloaded = true;");
        String admin = client.adminToken();
        assertThat(client.send("POST", admin, "/api/v1/streams/orders",
                Map.of("ordersPerSecond", 20, "durationSeconds", 120)).statusCode()).isEqualTo(202);
        try {
            browser.until("the live order counter to move past " + before,
                    d -> page.kpi("live-orders").compareTo(before) > 0);
            assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
            browser.until("the live events counted on the page",
                    d -> Integer.parseInt(d.findElement(By.id("live-updated")).getAttribute("data-events")) > 0);
        } finally {
            client.send("DELETE", admin, "/api/v1/streams/orders", null);
        }
    }

    @Test
    void anExportButtonDeliversTheFile() throws Exception {
        page.open("#/overview").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("overview");
        browser.driver().findElement(By.cssSelector("[data-panel='kpis'] button[data-export='csv']")).click();
        Path file = browser.awaitDownload("financial-summary_");
        assertThat(file.getFileName().toString()).endsWith(".csv");
        browser.until("the download written", d -> {
            try {
                return Files.readString(file).lines().count() >= 4;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("period,from,to,revenue");
        assertThat(lines.get(1)).startsWith("current,");
    }

    @Test
    void anExcelDownloadHoldsTheApisFiguresAndAPdfDownloadIsAPdf() throws Exception {
        page.open("#/overview?state=SP").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("overview");
        String admin = client.adminToken();
        String query = "/api/v1/analytics/financial/summary?state=SP";
        JsonNode api = client.get(admin, query);
        String served = client.send("GET", admin, query + "&format=xlsx", null).headers()
                .firstValue("Content-Disposition").orElseThrow();

        browser.driver().findElement(By.cssSelector("[data-panel='kpis'] button[data-export='xlsx']")).click();
        Path xlsx = browser.awaitDownload("financial-summary_");
        assertThat(served).contains("filename=\"" + xlsx.getFileName() + "\"");
        assertThat(xlsx.getFileName().toString()).endsWith("_SP.xlsx");
        try (Workbook book = browser.until("the workbook complete", d -> openWorkbook(xlsx))) {
            Sheet summary = book.getSheet("summary");
            Row header = summary.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("period");
            Map<String, JsonNode> periods = Map.of("current", api.path("current"), "previousPeriod",
                    api.path("previousPeriod").path("metrics"), "samePeriodLastYear",
                    api.path("samePeriodLastYear").path("metrics"));
            Map<String, JsonNode> dates = Map.of("current", api, "previousPeriod", api.path("previousPeriod"),
                    "samePeriodLastYear", api.path("samePeriodLastYear"));
            assertThat(summary.getLastRowNum()).isEqualTo(periods.size());
            for (int r = 1; r <= summary.getLastRowNum(); r++) {
                Row row = summary.getRow(r);
                String period = row.getCell(0).getStringCellValue();
                JsonNode metrics = periods.get(period);
                assertThat(metrics).as("row %d: %s", r, period).isNotNull();
                assertThat(row.getCell(1).getLocalDateTimeCellValue().toLocalDate())
                        .isEqualTo(LocalDate.parse(dates.get(period).path("from").asText()));
                assertThat(row.getCell(2).getLocalDateTimeCellValue().toLocalDate())
                        .isEqualTo(LocalDate.parse(dates.get(period).path("to").asText()));
                for (int c = 3; c < header.getLastCellNum(); c++) {
                    String column = header.getCell(c).getStringCellValue();
                    assertSameFigure(row.getCell(c), metrics.path(column), period + " " + column);
                }
            }
            Sheet growth = book.getSheet("growth");
            for (Row row : growth) {
                String against = row.getCell(0).getStringCellValue();
                if (against.equals("previousPeriod") || against.equals("samePeriodLastYear")) {
                    assertSameFigure(row.getCell(3), api.path(against).path("revenueGrowth"), against + " revenueGrowth");
                }
            }
        }

        browser.driver().findElement(By.cssSelector("[data-panel='timeseries'] button[data-export='pdf']")).click();
        Path pdf = browser.awaitDownload("financial-timeseries_");
        assertThat(pdf.getFileName().toString()).contains("_SP").endsWith(".pdf");
        byte[] bytes = browser.until("the PDF complete", d -> {
            try {
                byte[] all = Files.readAllBytes(pdf);
                return new String(all, StandardCharsets.ISO_8859_1).stripTrailing().endsWith("%%EOF") ? all : null;
            } catch (IOException e) {
                return null;
            }
        });
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void theDataQualityReportRunsOnlyWhenAskedAndOffersTheCsvItsServerWrites() {
        page.open("#/admin").logIn(Platform.ADMIN, platform.adminPassword());
        WebElement tab = page.awaitRendered("admin");
        WebElement quality = tab.findElement(By.cssSelector("[data-panel='quality']"));
        assertThat(quality.getAttribute("data-state")).isEqualTo("ready");
        assertThat(quality.getText()).contains("every table");
        assertThat(quality.findElements(By.cssSelector("table"))).as("no report before the button").isEmpty();
        assertThat(quality.findElements(By.cssSelector("button[data-export]"))).isEmpty();

        quality.findElement(By.id("quality-run")).click();
        browser.until("the data-quality report", d -> !quality.findElements(By.cssSelector("table")).isEmpty());
        assertThat(quality.getAttribute("data-state")).isEqualTo("ready");
        // the simulator writes the report as CSV only: no Excel or PDF button that would fail
        assertThat(quality.findElements(By.cssSelector("button[data-export]"))).extracting(b -> b.getAttribute("data-export"))
                .containsExactly("csv");
    }

    /** A workbook once the download is whole (null while it is still being written). */
    private static Workbook openWorkbook(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A numeric cell holding the API's number (ratios to 12 decimals: a cell is a double), or an empty one for null. */
    private static void assertSameFigure(Cell cell, JsonNode api, String what) {
        if (api.isNull() || api.isMissingNode()) {
            assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(what + " empty").isTrue();
            return;
        }
        assertThat(cell.getCellType()).as(what + " is a number").isEqualTo(CellType.NUMERIC);
        BigDecimal expected = api.decimalValue();
        BigDecimal actual = BigDecimal.valueOf(cell.getNumericCellValue());
        if (expected.scale() > 2) {
            assertThat(actual).as(what).isCloseTo(expected, within(new BigDecimal("1e-12")));
        } else {
            assertThat(actual).as(what).isEqualByComparingTo(expected);
        }
    }

    @Test
    void aViewerSeesNeitherTheAdminNorTheAnalystTabsAndIsToldTheRoleNeeded() {
        page.open("").logIn(VIEWER, VIEWER_PASSWORD);
        assertThat(page.tabs()).containsExactly("overview", "cohorts", "customers", "products", "geography", "live");
        page.awaitRendered("overview");
        assertThat(browser.driver().findElements(By.cssSelector("button[data-export]"))).as("export buttons").isEmpty();

        page.open("#/forecast");
        WebElement forecast = page.awaitRendered("forecast");
        assertThat(forecast.findElements(By.cssSelector(".panel[data-state='error'] .role-needed"))).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getText()).contains("analyst").contains("viewer"));

        page.open("#/admin");
        WebElement admin = page.awaitRendered("admin");
        assertThat(admin.findElement(By.cssSelector(".panel[data-state='error'] .role-needed")).getText()).contains("admin");
    }

    @Test
    void theTabsAreReachedAndOpenedWithTheKeyboard() {
        page.open("#/overview").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("overview");
        // from the top of the page: the skip link is the first stop
        browser.script("document.querySelector('.skip-link').focus();");
        for (int i = 0; i < 40
                && !"cohorts".equals(browser.driver().switchTo().activeElement().getAttribute("data-tab")); i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getAttribute("data-tab")).as("focus reached the Cohorts tab by Tab presses").isEqualTo("cohorts");
        focused.sendKeys(Keys.ENTER);
        assertThat(page.awaitRendered("cohorts").findElements(By.cssSelector(".panel[data-state='ready']"))).isNotEmpty();
    }

    @Test
    void fitsAPhoneWidthWithoutSidewaysScrolling() {
        try (Browser phone = Browser.open(390, 844)) {
            DashboardPage small = new DashboardPage(phone, platform);
            small.open("#/overview").logIn(Platform.ADMIN, platform.adminPassword());
            small.awaitRendered("overview");
            assertThat(small.failedPanels()).isEmpty();
            assertThat((Long) phone.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("page wider than the screen by").isLessThanOrEqualTo(0L);
            small.openTab("geography");
            assertThat((Long) phone.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("geography wider than the screen by").isLessThanOrEqualTo(0L);
        }
    }

    @Test
    void theSessionSurvivesAReloadAndLogOutEndsIt() {
        page.open("#/geography").logIn(Platform.ADMIN, platform.adminPassword());
        page.awaitRendered("geography");
        browser.driver().navigate().refresh();
        page.awaitRendered("geography");
        browser.driver().findElement(By.id("logout")).click();
        browser.until("the log-in form", d -> !d.findElements(By.id("login-form")).isEmpty());
        browser.driver().navigate().refresh();
        browser.until("still the log-in form", d -> !d.findElements(By.id("login-form")).isEmpty());
    }
}
