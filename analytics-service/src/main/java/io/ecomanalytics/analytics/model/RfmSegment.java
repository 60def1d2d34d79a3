package io.ecomanalytics.analytics.model;

import java.util.Locale;

/**
 * The named RFM segments and the recency/frequency score ranges that define them: the widely used "RFM segment map" on the R×F
 * grid (R and F scores 1–5; monetary does not take part), as published with the classic RFM segmentation tutorials (e.g. the
 * regex map {@code [1-2][1-2]} hibernating, {@code [1-2][3-4]} at risk, {@code [1-2]5} can't lose, {@code 3[1-2]} about to
 * sleep, {@code 33} need attention, {@code [3-4][4-5]} loyal, {@code 41} promising, {@code 51} new, {@code [4-5][2-3]}
 * potential loyalist, {@code 5[4-5]} champions). To name the eleventh segment the map's bottom corner (R=1, F=1: longest gone
 * and bought least) is split out of hibernating as {@code lost}. Every one of the 25 cells has exactly one segment; the first
 * matching entry in declaration order wins.
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

    public boolean contains(int r, int f) {
        return r >= minR && r <= maxR && f >= minF && f <= maxF;
    }

    public static RfmSegment of(int r, int f) {
        for (RfmSegment s : values()) {
            if (s.contains(r, f)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scores out of 1..5: R=" + r + " F=" + f);
    }

    /**
     * The same map in SQL over the integer columns {@code r} and {@code f} (1..5), yielding {@link #apiName()}: the 25 cells'
     * names in an array, indexed by {@code (r - 1) * 5 + f} (one lookup per person, not a chain of range tests). Built from
     * {@link #of} only; no caller input reaches it.
     */
    public static String sql(String r, String f) {
        StringBuilder cells = new StringBuilder();
        for (int ri = 1; ri <= 5; ri++) {
            for (int fi = 1; fi <= 5; fi++) {
                cells.append(cells.isEmpty() ? "" : ",").append(of(ri, fi).apiName());
            }
        }
        return "('{" + cells + "}'::text[])[(" + r + " - 1) * 5 + " + f + "]";
    }
}
