package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The saga console in a real browser, against the running pipeline: a person places an order, watches it reach
 * AWAITING_PAYMENT and the counters move, and opens its conversation. Drives the system's Chromium through its
 * chromedriver (Selenium cannot download drivers here); leaves a screenshot of the page in
 * {@code target/saga-console.png}, whether the test passes or not.
 */
class SagaConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "saga-console.png");
    /** Generous: the CI machine runs the whole pipeline, the browser and the build on two cores. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void shouldShowAPlacedOrderReachAwaitingPaymentMoveTheCountersAndTellItsConversation() throws IOException {
        requireChromium();
        OrderSagaServices services = RunningPipeline.get();
        Path profile = Files.createTempDirectory("saga-console-chromium");
        ChromeDriver browser = startChromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
            browser.get(services.sagaConsoleUrl());
            wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
            // The console orders from the products it has read from inventory-service.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=stock-row]")));
            wait.until(page -> tile(browser, "AWAITING_PAYMENT") != null);
            long ordersBefore = ordersCounted(browser);

            browser.findElement(By.id("place-order")).click();
            String orderId = wait.until(page -> {
                String placed = page.findElement(By.id("action-result")).getDomAttribute("data-order-id");
                return placed == null || placed.isEmpty() ? null : placed;
            });

            By row = By.cssSelector("tr[data-test=recent-order][data-order-id='" + orderId + "']");
            wait.until(ExpectedConditions.attributeToBe(row, "data-status", "AWAITING_PAYMENT"));
            wait.until(page -> ordersCounted(browser) > ordersBefore);
            assertThat(Long.parseLong(tile(browser, "AWAITING_PAYMENT").getDomAttribute("data-count")))
                    .isPositive();

            browser.findElement(row).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("conversation-panel"), "data-order-id", orderId));
            // As a person would, refresh the conversation until it holds the status the table showed.
            List<String> conversation = new WebDriverWait(browser, TIMEOUT, Duration.ofSeconds(2)).until(page -> {
                List<String> types = page.findElements(By.cssSelector("[data-test=conversation-record]")).stream()
                        .map(record -> record.getDomAttribute("data-type")).toList();
                if (types.contains("OrderStatusChanged")) {
                    return types;
                }
                page.findElement(By.id("conversation-refresh")).click();
                return null;
            });
            assertThat(conversation).containsSubsequence("OrderPlaced", "ReserveInventory", "InventoryReserved",
                    "OrderStatusChanged");
        } finally {
            screenshot(browser);
            browser.quit();
            deleteRecursively(profile);
        }
    }

    /** Fails rather than skips: a browser test that quietly does not run tests nothing. */
    private static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The saga console's browser test drives Chromium through " + CHROMEDRIVER
                    + ", and " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM) + " is missing. Install"
                    + " both: apt-get install -y chromium chromium-driver");
        }
    }

    private static ChromeDriver startChromium(Path profile) {
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1440,2000", "--user-data-dir=" + profile);
        return new ChromeDriver(driver, options);
    }

    private static WebElement tile(ChromeDriver browser, String status) {
        return browser.findElements(By.cssSelector("[data-test=status-count][data-status=" + status + "]")).stream()
                .findFirst().orElse(null);
    }

    /** Every order the console counts, whatever its status: only ever grows while the console runs. */
    private static long ordersCounted(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("[data-test=status-count]")).stream()
                .mapToLong(tile -> Long.parseLong(tile.getDomAttribute("data-count"))).sum();
    }

    private static void screenshot(ChromeDriver browser) {
        try {
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot of the saga console: " + e);
        }
    }

    /** Chromium's profile; what cannot be deleted is left to the temporary directory's cleaning. */
    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Chromium's profile " + dir + " stays: " + e);
        }
    }
}
