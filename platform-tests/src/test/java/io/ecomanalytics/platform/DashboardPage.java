package io.ecomanalytics.platform;

import java.math.BigDecimal;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard as a user sees it in a {@link Browser}: log in, open tabs, read KPIs and charts, set filters. */
public final class DashboardPage {
    private final Browser browser;
    private final Platform platform;

    public DashboardPage(Browser browser, Platform platform) {
        this.browser = browser;
        this.platform = platform;
    }

    /** Opens the page (a route like "#/overview?range=last90", or "" for the start) without logging in. */
    public DashboardPage open(String route) {
        browser.driver().get(platform.gateway().resolve("/" + route).toString());
        return this;
    }

    /** Fills and sends the log-in form; waits for the navigation (logged in) or the form's error. */
    public DashboardPage logIn(String username, String password) {
        browser.until("the log-in form", d -> d.findElements(By.id("login-form")).isEmpty() ? null : true);
        WebElement user = browser.driver().findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement secret = browser.driver().findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser.driver().findElement(By.id("login-submit")).click();
        browser.until("logged in, or a log-in error", d -> !d.findElements(By.cssSelector("nav.tabs")).isEmpty()
                || !d.findElements(By.cssSelector("#login-error:not([hidden])")).isEmpty());
        return this;
    }

    public String loginError() {
        return browser.driver().findElement(By.id("login-error")).getText();
    }

    /** The ids of the tabs the navigation offers. */
    public List<String> tabs() {
        return browser.driver().findElements(By.cssSelector("nav.tabs a[data-tab]")).stream()
                .map(a -> a.getAttribute("data-tab")).toList();
    }

    /** Clicks a tab's link and waits until the tab has drawn everything (its render marker). */
    public WebElement openTab(String tab) {
        browser.driver().findElement(By.cssSelector("nav.tabs a[data-tab='" + tab + "']")).click();
        return awaitRendered(tab);
    }

    /** Waits for the render marker of the tab now shown: every panel drawn, empty or failed. */
    public WebElement awaitRendered(String tab) {
        return browser.until("tab " + tab + " rendered",
                d -> d.findElements(By.cssSelector("section.tab[data-tab='" + tab + "'][data-rendered='true']")).stream()
                        .findFirst().orElse(null));
    }

    /** Waits until a route change has been taken up (the marker goes back to false), then until the tab is drawn again. */
    public WebElement awaitRedrawn(String tab, String urlPart) {
        browser.until("the URL to contain " + urlPart, d -> d.getCurrentUrl().contains(urlPart));
        return awaitRendered(tab);
    }

    /** The panels in the error state, with their text. */
    public List<String> failedPanels() {
        return browser.driver().findElements(By.cssSelector(".panel[data-state='error']")).stream()
                .map(p -> p.getAttribute("data-panel") + ": " + p.getText()).toList();
    }

    /**
     * A KPI card's exact value (data-value) as the API sent it, read in one script: the Live tab redraws its cards on every
     * event, so an element found first and read after may be gone by then.
     */
    public BigDecimal kpi(String id) {
        Object value = browser.script("const card = document.querySelector(\"[data-kpi='\" + arguments[0] + \"']\");"
                + " return card ? card.getAttribute('data-value') : null;", id);
        return value == null || value.toString().isEmpty() ? null : new BigDecimal(value.toString());
    }

    public WebElement kpiCard(String id) {
        return browser.driver().findElement(By.cssSelector("[data-kpi='" + id + "']"));
    }

    /** The sum of every number a panel's chart shows (set by the app when it draws). */
    public BigDecimal chartSum(String panel) {
        return new BigDecimal(browser.driver().findElement(By.cssSelector("[data-panel='" + panel + "'] .chart"))
                .getAttribute("data-series-sum"));
    }

    public void selectFilter(String id, String value) {
        new Select(browser.driver().findElement(By.id(id))).selectByValue(value);
    }

    public String selectedFilter(String id) {
        return new Select(browser.driver().findElement(By.id(id))).getFirstSelectedOption().getAttribute("value");
    }
}
