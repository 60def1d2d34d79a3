package io.ecomanalytics.analytics.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which RFM segment each of the 25 (R, F) cells belongs to: every segment's R and F score ranges, {@link RfmSegment}'s own by
 * default, any of them replaced by configuration ({@code analytics.rfm.segments.<segment>=minR-maxR,minF-maxF}, e.g.
 * {@code champions=4-5,4-5}). The first segment in the map's order whose ranges hold a cell takes it. Checked when built: every
 * cell must have a segment, and at each R score a segment's F scores must be one run (the segment pages of the customer-row
 * path test a person's F score against one range per R).
 */
public final class SegmentMap {
    private static final Pattern RANGES = Pattern.compile("\\s*([1-5])\\s*-\\s*([1-5])\\s*,\\s*([1-5])\\s*-\\s*([1-5])\\s*");

    private final RfmSegment[] cells = new RfmSegment[25];

    private SegmentMap(Map<RfmSegment, int[]> ranges) {
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (RfmSegment s : RfmSegment.values()) {
                    int[] g = ranges.get(s);
                    if (r >= g[0] && r <= g[1] && f >= g[2] && f <= g[3]) {
                        cells[(r - 1) * 5 + f - 1] = s;
                        break;
                    }
                }
            }
        }
        List<String> uncovered = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == null) {
                uncovered.add("R" + (i / 5 + 1) + "F" + (i % 5 + 1));
            }
        }
        if (!uncovered.isEmpty()) {
            throw new IllegalStateException("analytics.rfm.segments leaves cells without a segment: " + uncovered);
        }
        for (RfmSegment s : RfmSegment.values()) {
            for (int r = 1; r <= 5; r++) {
                fRange(s, r);
            }
        }
    }

    /** The map of the segments' own ranges. */
    public static SegmentMap standard() {
        return configured(Map.of());
    }

    /**
     * The standard map with the configured segments' ranges ({@code minR-maxR,minF-maxF}) in place of their own; a name that is
     * no segment or ranges not of that form fail.
     */
    public static SegmentMap configured(Map<String, String> configured) {
        Map<RfmSegment, int[]> ranges = new EnumMap<>(RfmSegment.class);
        for (RfmSegment s : RfmSegment.values()) {
            ranges.put(s, s.ranges());
        }
        configured.forEach((name, value) -> {
            RfmSegment segment;
            try {
                segment = RfmSegment.valueOf(name.strip().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("analytics.rfm.segments." + name + ": no such segment", e);
            }
            Matcher m = RANGES.matcher(value);
            if (!m.matches() || m.group(1).compareTo(m.group(2)) > 0 || m.group(3).compareTo(m.group(4)) > 0) {
                throw new IllegalStateException("analytics.rfm.segments." + name + " must be minR-maxR,minF-maxF with"
                        + " scores 1-5 (e.g. 4-5,4-5), not '" + value + "'");
            }
            ranges.put(segment, new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))});
        });
        return new SegmentMap(ranges);
    }

    /** The segment of a cell. */
    public RfmSegment of(int r, int f) {
        if (r < 1 || r > 5 || f < 1 || f > 5) {
            throw new IllegalArgumentException("scores out of 1..5: R=" + r + " F=" + f);
        }
        return cells[(r - 1) * 5 + f - 1];
    }

    /**
     * The F scores {@code [lo, hi]} of a segment at R score {@code r}, or null when it has none there; fails when they are not
     * one run.
     */
    public int[] fRange(RfmSegment segment, int r) {
        int lo = 0;
        int hi = 0;
        for (int f = 1; f <= 5; f++) {
            if (of(r, f) == segment) {
                if (lo != 0 && hi != f - 1) {
                    throw new IllegalStateException("analytics.rfm.segments: " + segment.apiName() + " is not one run of F"
                            + " scores at R = " + r);
                }
                lo = lo == 0 ? f : lo;
                hi = f;
            }
        }
        return lo == 0 ? null : new int[]{lo, hi};
    }

    /**
     * The map in SQL over the integer columns {@code r} and {@code f} (1..5), yielding the segment's API name: the 25 cells'
     * names in an array indexed by {@code (r - 1) * 5 + f} (one lookup per person). Built from segment names only; no caller
     * input reaches it.
     */
    public String sql(String r, String f) {
        StringBuilder names = new StringBuilder();
        for (RfmSegment cell : cells) {
            names.append(names.isEmpty() ? "" : ",").append(cell.apiName());
        }
        return "('{" + names + "}'::text[])[(" + r + " - 1) * 5 + " + f + "]";
    }
}
