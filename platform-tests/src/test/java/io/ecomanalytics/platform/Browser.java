package io.ecomanalytics.platform;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}) driven by Selenium, with a fresh profile
 * and a download folder of its own, at 1280x800 unless told otherwise. Nothing is ever downloaded: when the packages are
 * missing, creating a browser fails and says how to install them.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    /** Waits are long: CI runs these tests on two busy cores, and a wait ends as soon as its condition holds. */
    public static final Duration WAIT = Duration.ofSeconds(120);

    private final ChromeDriver driver;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    public static Browser open() {
        return open(1280, 800);
    }

    public static Browser open(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ". Install them with: apt-get install -y chromium chromium-driver (CI's .ci/run does"
                    + " this). No browser is downloaded by the tests.");
        }
        try {
            Path work = Files.createDirectories(Path.of("target", "browser").toAbsolutePath());
            Path profile = Files.createTempDirectory(work, "profile-");
            Path downloads = Files.createTempDirectory(work, "downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "safebrowsing.enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().withLogOutput(new java.io.PrintStream(
                            Files.newOutputStream(work.resolve("chromedriver.log"),
                                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)))
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
            // the page's own viewport at exactly this size (the window's includes what a headless window still reserves)
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
            return new Browser(driver, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    /**
     * Waits until the condition answers something other than null or false; an element the page redrew while the condition read
     * it is read again at the next poll.
     */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves a PNG of what the window shows. */
    public Path screenshot(Path file) {
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the download folder whose name starts so, once it is complete. */
    public Path awaitDownload(String prefix) {
        return until("a downloaded file " + prefix + "* in " + downloads, d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                        .filter(f -> !f.getFileName().toString().endsWith(".crdownload")).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        driver.quit();
    }
}
