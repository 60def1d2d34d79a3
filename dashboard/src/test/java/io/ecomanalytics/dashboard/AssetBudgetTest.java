package io.ecomanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the browser loads stays small and whole: the page's own files plus ECharts under 1.5 MB (issue 18), every module import
 * names a file that exists, and no page carries inline script (the Content-Security-Policy would block it).
 */
class AssetBudgetTest {
    static final long BUDGET_BYTES = 1_500_000;
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.esm.min.js";
    private static final Path ASSETS = Path.of("src/main/resources/META-INF/resources");
    private static final Pattern IMPORT = Pattern.compile("(?:import|export)\\s[^;]*?from\\s+'([^']+)'");

    @Test
    void thePagesOwnAssetsAndEchartsStayUnderTheBudget() throws IOException {
        long own;
        try (Stream<Path> files = Files.walk(ASSETS)) {
            own = files.filter(Files::isRegularFile).mapToLong(AssetBudgetTest::size).sum();
        }
        long echarts;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ECHARTS)) {
            assertThat(in).as("ECharts in the webjar at " + ECHARTS).isNotNull();
            echarts = in.readAllBytes().length;
        }
        assertThat(own + echarts).as("own %d bytes + ECharts %d bytes", own, echarts).isLessThan(BUDGET_BYTES);
    }

    @Test
    void everyImportNamesAFileThatExists() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ASSETS)) {
            for (Path module : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(module));
                while (m.find()) {
                    String target = m.group(1);
                    boolean found = target.startsWith("/webjars/")
                            ? getClass().getClassLoader().getResource("META-INF/resources" + target) != null
                            : Files.isRegularFile(module.getParent().resolve(target).normalize());
                    if (!found) {
                        missing.add(ASSETS.relativize(module) + " -> " + target);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noPageCarriesInlineScript() throws IOException {
        try (Stream<Path> files = Files.walk(ASSETS)) {
            for (Path page : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(page);
                assertThat(html).as(page.toString()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
                        .doesNotContainPattern("\\son[a-z]+=");
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
