package io.ecomanalytics.contracts.api;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The bounds every service puts on what a caller may ask for, the same in every service. Defaults are documented in
 * docs/security.md; each is an environment variable ({@code API_DATES_EARLIEST} for {@code api.dates.earliest}, and so on).
 */
@ConfigMapping(prefix = "api")
public interface ApiSettings {

    Dates dates();

    /** The longest text a query or path parameter may hold, unless the parameter says less ({@code @Size}). */
    @WithDefault("200")
    @Min(1)
    @Max(10_000)
    int maxTextLength();

    /**
     * The window every date parameter must lie in. A store's data lies inside it; a date outside it (year 0001, year
     * +999999999) is refused before it reaches SQL, where it would have become {@code -infinity}/{@code infinity} or an
     * out-of-range number.
     */
    interface Dates {
        @WithDefault("2000-01-01")
        LocalDate earliest();

        @WithDefault("2100-12-31")
        LocalDate latest();
    }

}
