package io.ecomanalytics.exports.jaxrs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names of exports: the analysis, then the period and the filter values, joined with {@code _}
 * ({@code rfm-segments_2025-01-01_2025-12-31_SP.xlsx}); every part made safe (letters, digits, {@code .} and {@code -}); the
 * {@code Content-Disposition} carries an ASCII {@code filename} and, when a part was not ASCII, the exact UTF-8
 * {@code filename*} of RFC 6266 / RFC 8187.
 */
public final class FileNames {
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}.-]+");
    private static final Pattern NON_ASCII = Pattern.compile("[^A-Za-z0-9.-]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX_PART = 40;
    private static final int MAX_NAME = 150;

    private FileNames() {
    }

    /** {@code analysis_part1_part2.extension} with unsafe characters replaced (Unicode letters kept). */
    public static String name(String analysis, List<String> parts, String extension) {
        List<String> all = new ArrayList<>();
        all.add(analysis);
        all.addAll(parts);
        List<String> safe = new ArrayList<>();
        for (String part : all) {
            if (part == null || part.isBlank()) {
                continue;
            }
            String clean = UNSAFE.matcher(part.strip()).replaceAll("-").replaceAll("^[-.]+|-+$", "");
            if (!clean.isEmpty()) {
                safe.add(clean.length() > MAX_PART ? clean.substring(0, MAX_PART) : clean);
            }
        }
        String stem = String.join("_", safe);
        if (stem.length() > MAX_NAME) {
            stem = stem.substring(0, MAX_NAME);
        }
        return (stem.isEmpty() ? "export" : stem) + "." + extension;
    }

    /** The name with accents dropped and anything else outside ASCII letters, digits, {@code .} and {@code -} replaced. */
    public static String ascii(String name) {
        String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder out = new StringBuilder();
        for (String piece : plain.split("_", -1)) {
            out.append(out.isEmpty() ? "" : "_").append(NON_ASCII.matcher(piece).replaceAll("-"));
        }
        return out.toString();
    }

    /** {@code attachment; filename="…"} plus {@code filename*=UTF-8''…} when the name is not plain ASCII. */
    public static String contentDisposition(String name) {
        String ascii = ascii(name);
        String header = "attachment; filename=\"" + ascii + "\"";
        if (!ascii.equals(name)) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }

    /** {@code rfmSegments} → {@code rfm-segments}. */
    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
