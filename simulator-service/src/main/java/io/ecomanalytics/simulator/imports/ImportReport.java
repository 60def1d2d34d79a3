package io.ecomanalytics.simulator.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: per file the rows read, loaded and rejected (read = loaded + rejected, always), the rejections per rule,
 * and the first rejected rows with their reasons.
 */
public record ImportReport(String kind, boolean replace, Map<String, FileCounts> files, Totals totals,
        List<RejectedRow> rejectedRows) {

    public record FileCounts(long read, long loaded, long rejected, Map<String, Long> rejectedByRule) {
    }

    public record Totals(long read, long loaded, long rejected) {
    }

    /** One refused row: the file, its data-row number (1 = first row after the header), its key, rule and reason. */
    public record RejectedRow(String file, long row, String key, String rule, String reason) {
    }

    /** Collects the counts while an import validates its rows. */
    public static final class Builder {
        private final String kind;
        private final boolean replace;
        private final int sampleSize;
        private final Map<String, Tally> files = new LinkedHashMap<>();
        private final List<RejectedRow> sample = new ArrayList<>();

        public Builder(String kind, boolean replace, int sampleSize) {
            this.kind = kind;
            this.replace = replace;
            this.sampleSize = sampleSize;
        }

        public Tally file(String name) {
            return files.computeIfAbsent(name, Tally::new);
        }

        public ImportReport build() {
            Map<String, FileCounts> counts = new LinkedHashMap<>();
            long read = 0;
            long loaded = 0;
            long rejected = 0;
            for (Tally t : files.values()) {
                long rejectedHere = t.byRule.values().stream().mapToLong(Long::longValue).sum();
                if (t.read != t.loaded + rejectedHere) {
                    throw new IllegalStateException("counts of " + t.file + " do not reconcile: read " + t.read
                            + ", loaded " + t.loaded + ", rejected " + rejectedHere);
                }
                counts.put(t.file, new FileCounts(t.read, t.loaded, rejectedHere, new TreeMap<>(t.byRule)));
                read += t.read;
                loaded += t.loaded;
                rejected += rejectedHere;
            }
            return new ImportReport(kind, replace, counts, new Totals(read, loaded, rejected), List.copyOf(sample));
        }

        /** The counts of one file. */
        public final class Tally {
            private final String file;
            private final Map<String, Long> byRule = new TreeMap<>();
            private long read;
            private long loaded;

            private Tally(String file) {
                this.file = file;
            }

            public void read() {
                read++;
            }

            public void loaded() {
                loaded++;
            }

            public void rejected(long row, String key, String rule, String reason) {
                byRule.merge(rule, 1L, Long::sum);
                if (sample.size() < sampleSize) {
                    sample.add(new RejectedRow(file, row, key, rule, reason));
                }
            }
        }
    }
}
