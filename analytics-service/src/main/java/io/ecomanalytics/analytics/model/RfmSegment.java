package io.ecomanalytics.analytics.model;

import java.util.Locale;

/**
 * The named RFM segments and the recency/frequency score ranges that define them: the widely used "RFM segment map" on the R×F
 * grid (R and F scores 1–5; monetary does not take part), as published with the classic RFM segmentation tutorials (e.g. the
 * regex map {@code [1-2][1-2]} hibernating, {@code [1-2][3-4]} at risk, {@code [1-2]5} can't lose, {@code 3[1-2]} about to
 * sleep, {@code 33} need attention, {@code [3-4][4-5]} loyal, {@code 41} promising, {@code 51} new, {@code [4-5][2-3]}
 * potential loyalist, {@code 5[4-5]} champions). To name the eleventh segment the map's bottom corner (R=1, F=1: longest gone
 * and bought least) is split out of hibernating as {@code lost}. Every one of the 25 cells has exactly one segment; the first
 * matching entry in declaration order wins. {@link SegmentMap} turns the ranges into the cells' segments and lets configuration
 * replace them.
 */
public enum RfmSegment {
    CHAMPIONS(5, 5, 4, 5), LOYAL(3, 4, 4, 5), POTENTIAL_LOYALIST(4, 5, 2, 3), NEW(5, 5, 1, 1), PROMISING(4, 4, 1,
            1), NEED_ATTENTION(3, 3, 3, 3), ABOUT_TO_SLEEP(3, 3, 1,
                    2), AT_RISK(1, 2, 3, 4), CANT_LOSE(1, 2, 5, 5), LOST(1, 1, 1, 1), HIBERNATING(1, 2, 1, 2);

    private final int minR;
    private final int maxR;
    private final int minF;
    private final int maxF;

    RfmSegment(int minR, int maxR, int minF, int maxF) {
        this.minR = minR;
        this.maxR = maxR;
        this.minF = minF;
        this.maxF = maxF;
    }

    /** The name used in the API ({@code potential_loyalist}, {@code cant_lose}, ...). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The segment's own R and F score ranges: {minR, maxR, minF, maxF} ({@link SegmentMap} may replace them). */
    int[] ranges() {
        return new int[]{minR, maxR, minF, maxF};
    }
}
