package io.ecomanalytics.analytics.config;

import java.util.List;
import java.util.Map;

import io.ecomanalytics.analytics.model.FrequencyScoring;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the descriptive analytics ({@code analytics.*}). */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** RFM customer lists and the action recommended per segment. */
    Rfm rfm();

    /**
     * The longest period a series may span, by the width of its buckets: a series is computed and sent one row per bucket (and
     * a cohort matrix one cell per pair of them), so its period bounds its cost. A longer period is a 400 naming {@code from}.
     * Env {@code ANALYTICS_SERIES_MAX_DAYS_BY_DAY}, {@code _BY_WEEK}, {@code _BY_MONTH}.
     */
    Series series();

    /** The lifecycle reading ({@code LifecycleFit}). */
    Lifecycle lifecycle();

    interface Lifecycle {
        /**
         * The shortest and longest lifetime, launch to discontinuation, the store's products are expected to have: the range of
         * the lifetime's flat prior (1.5 to 5 years: fashion to durables). Env {@code ANALYTICS_LIFECYCLE_MIN_LIFETIME_DAYS},
         * {@code _MAX_LIFETIME_DAYS}.
         */
        @WithDefault("540")
        int minLifetimeDays();

        @WithDefault("1825")
        int maxLifetimeDays();
    }

    interface Series {
        /** 10 years of days: 3,660 rows. */
        @WithDefault("3660")
        int maxDaysByDay();

        /** 20 years of weeks: 1,046 rows (a weekly cohort matrix: half a million cells at most). */
        @WithDefault("7320")
        int maxDaysByWeek();

        /** 100 years of months: 1,200 rows. */
        @WithDefault("36525")
        int maxDaysByMonth();
    }

    interface Rfm {
        /** Largest page of the per-customer RFM list ({@code size} parameter). */
        @WithDefault("500")
        int maxPageSize();

        /** One recommended action per segment, shown with the segment summary. */
        Actions actions();

        /**
         * How F is scored when a call does not say ({@code frequencyScoring}): {@code quintiles} (the default, like R and M) or
         * {@code thresholds} (fixed order counts, for low-repeat stores).
         */
        @WithDefault("quintiles")
        FrequencyScoring frequencyScoring();

        /**
         * The fewest orders for F = 2, 3, 4 and 5 when F is scored by thresholds: four whole numbers, strictly increasing, from
         * 2. The default: one order F 1, two F 2, three F 3, four or five F 4, six or more F 5.
         */
        @WithDefault("2,3,4,6")
        List<Integer> frequencyThresholds();

        /**
         * Segments whose R and F score ranges replace the standard map's ({@code analytics.rfm.segments.champions=4-5,4-5}:
         * minR-maxR,minF-maxF); checked at start-up ({@code SegmentMap}).
         */
        Map<String, String> segments();
    }

    /** The recommended action of each segment ({@code analytics.rfm.actions.<segment>}). */
    interface Actions {
        @WithDefault("Reward them: early access, loyalty perks, ask for reviews and referrals")
        String champions();

        @WithDefault("Upsell higher-value products and invite them to the loyalty programme")
        String loyal();

        @WithDefault("Offer membership or a loyalty programme and recommend related products")
        String potentialLoyalist();

        @WithDefault("Onboard well: welcome series, first-repeat incentive")
        String newCustomers();

        @WithDefault("Build brand awareness with free trials or small offers")
        String promising();

        @WithDefault("Time-limited offers based on their past purchases")
        String needAttention();

        @WithDefault("Share popular products and reconnect with a discount before they lapse")
        String aboutToSleep();

        @WithDefault("Personalised win-back emails and helpful content")
        String atRisk();

        @WithDefault("Win them back with new products or renewals; talk to them, do not lose them to a competitor")
        String cantLose();

        @WithDefault("Offer other relevant products and special discounts; recreate brand value")
        String hibernating();

        @WithDefault("Try a reactivation campaign, otherwise stop spending on them")
        String lost();
    }
}
