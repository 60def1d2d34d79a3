package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Swagger UI on the gateway, used as a person uses it: open the explorer on the platform's merged document, authorise with a
 * token, open an analytics operation, try it out with from, to and state filled in, execute, and see a 200 with the same
 * figures the API gives.
 */
class SwaggerUiIT {
    private static Platform platform;
    private static String admin;
    private Browser browser;

    @BeforeAll
    static void platformWithData() {
        platform = Platform.shared();
        PlatformClient client = platform.client();
        admin = client.adminToken();
        // a store of its own is not needed: any completed simulation gives the filters something to find
        if (client.get(admin, "/api/v1/analytics/financial/summary?from=2000-01-01&to=2100-12-31").path("current")
                .path("orders").asLong() == 0) {
            client.simulate(admin, Map.of("years", 2, "customersPerYear", 400, "productsPerYear", 40, "seed", 11),
                    Duration.ofMinutes(5));
        }
    }

    @BeforeEach
    void browser() {
        browser = Browser.open();
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void aPersonAuthorisesFillsTheFiltersAndExecutesAnAnalyticsOperation() {
        browser.driver().get(platform.gateway().resolve("/q/swagger-ui/").toString());
        // the platform's merged document is the primary one: its analytics operations are listed
        WebElement operation = browser.until("the financialSummary operation listed",
                d -> d.findElements(By.cssSelector("div.opblock[id$='-financialSummary']")).stream().findFirst().orElse(null));

        browser.driver().findElement(By.cssSelector("button.authorize")).click();
        WebElement tokenField = browser.until("the token field of the authorisation dialog",
                d -> d.findElements(By.cssSelector(".modal-ux input")).stream().filter(WebElement::isDisplayed).findFirst()
                        .orElse(null));
        tokenField.sendKeys(admin);
        browser.driver().findElement(By.cssSelector(".modal-ux button.authorize")).click();
        // once authorised, the dialog offers to remove the authorisation instead
        browser.until("authorised",
                d -> !d.findElements(By.cssSelector(".modal-ux button[aria-label='Remove authorization']")).isEmpty());
        browser.driver().findElement(By.cssSelector(".modal-ux button.btn-done")).click();

        operation.findElement(By.cssSelector(".opblock-summary")).click();
        browser.until("the operation opened", d -> !operation.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
        operation.findElement(By.cssSelector("button.try-out__btn")).click();
        // trying out fills each parameter with its documented example: a person keeps only the filters they want
        for (WebElement row : operation.findElements(By.cssSelector("tr[data-param-name]"))) {
            clear(row);
        }
        fill(operation, "from", "2000-01-01");
        fill(operation, "to", "2100-12-31");
        fill(operation, "state", "SP");
        operation.findElement(By.cssSelector("button.execute")).click();

        String status = browser.until("a live response",
                d -> operation.findElements(By.cssSelector(".live-responses-table .response .response-col_status")).stream()
                        .map(WebElement::getText).filter(s -> !s.isBlank()).findFirst().orElse(null));
        assertThat(status.strip()).startsWith("200");
        String requestUrl = operation.findElement(By.cssSelector(".request-url pre")).getText();
        assertThat(requestUrl).contains("from=2000-01-01").contains("to=2100-12-31").contains("state=SP");
        String body = operation.findElement(By.cssSelector(".live-responses-table .response-col_description pre"))
                .getText();

        JsonNode expected = platform.client().get(admin,
                "/api/v1/analytics/financial/summary?from=2000-01-01&to=2100-12-31&state=SP");
        long orders = expected.path("current").path("orders").asLong();
        assertThat(orders).as("São Paulo has orders in the simulated store").isPositive();
        assertThat(body).contains("\"orders\": " + orders);
    }

    private static void clear(WebElement row) {
        for (WebElement input : row.findElements(By.cssSelector("input"))) {
            // as a person does it: the page's script sees keys, not WebElement.clear()
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        }
        for (WebElement list : row.findElements(By.cssSelector("select"))) {
            new Select(list).selectByIndex(0);
        }
    }

    /** Types into a parameter's field, or picks from its list when the document gives the parameter's values (an enum). */
    private static void fill(WebElement operation, String parameter, String value) {
        WebElement row = operation.findElement(By.cssSelector("tr[data-param-name='" + parameter + "']"));
        List<WebElement> choices = row.findElements(By.cssSelector("select"));
        if (!choices.isEmpty()) {
            new Select(choices.get(0)).selectByValue(value);
            return;
        }
        WebElement input = row.findElement(By.cssSelector("input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(value);
    }
}
