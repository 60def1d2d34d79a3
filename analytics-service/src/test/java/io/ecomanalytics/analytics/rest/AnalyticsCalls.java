package io.ecomanalytics.analytics.rest;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/** Calls of the analytics tests: a viewer's or an analyst's token, and JSON numbers read as exact decimals. */
final class AnalyticsCalls {
    private AnalyticsCalls() {
    }

    static RequestSpecification viewer() {
        return as(Roles.VIEWER);
    }

    static RequestSpecification analyst() {
        return as(Roles.ANALYST);
    }

    static RequestSpecification as(String role) {
        return given().config(RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .auth().oauth2(TestTokens.forRole(role));
    }

    /** Matches a JSON number numerically, whatever its scale or Java type ({@code 710.00} matches {@code "710"}). */
    static Matcher<Object> num(String value) {
        BigDecimal expected = new BigDecimal(value);
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number && new BigDecimal(actual.toString()).compareTo(expected) == 0;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a number equal to ").appendValue(expected);
            }
        };
    }
}
