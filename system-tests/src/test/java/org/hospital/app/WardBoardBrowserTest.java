package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The ward board (docs/board.md) in a real browser: Debian's chromium driven through its chromedriver, headless,
 * against the whole system with the demo accounts. With {@code -Dboard.screenshots=<dir>} it also writes the
 * screenshots of docs/ (the overview and the patient detail) and prints the page weight and time to first useful
 * paint that BENCHMARKS.md reports.
 */
@Tag("integration")
class WardBoardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration ALERT_ON_BOARD = Duration.ofSeconds(2);

    private static RunningSystem system;
    private static HttpApi api;
    private static String base;
    private static long icuEncounter;
    private static long otherIcuEncounter;
    private static long generalEncounter;
    private static String nurseToken;

    private WebDriver browser;

    @BeforeAll
    static void wardWithPatients() {
        assertThat(Files.isExecutable(CHROMIUM)).as("%s is missing: install Debian's chromium and chromium-driver "
                + "(apt-get install -y --no-install-recommends chromium chromium-driver)", CHROMIUM).isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as("%s is missing: install Debian's chromium-driver "
                + "(apt-get install -y --no-install-recommends chromium chromium-driver)", CHROMEDRIVER).isTrue();
        system = RunningSystem.start("all", TestInfrastructure.shared().newDatabase("board"), "demo");
        api = system.api();
        base = "http://localhost:" + system.port();
        String admin = api.login("admin", "password");
        nurseToken = api.login("nurse_joy", "password");
        // Rooms 101 and 102 are on ICU, 201 on General (the demo profile); the first free room is taken.
        icuEncounter = admit(admin, 1);
        otherIcuEncounter = admit(admin, 2);
        generalEncounter = admit(admin, 3);
        assertThat(api.post("/nurses", admin, """
                {"name":"Nurse Ratched","ward":"General","username":"nurse_general","password":"general-ward-pass"}""")
                .status()).isEqualTo(201);
        // Six hours of unremarkable readings, so the trend charts have something to show and nothing is raised yet.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 12; i >= 1; i--) {
            Instant at = now.minus(Duration.ofMinutes(30L * i));
            reading(icuEncounter, 1, at, 72 + (i % 4) * 6, 96 + i % 3, 36.8 + (i % 5) * 0.15, 118 + i % 7, 14 + i % 4);
            reading(otherIcuEncounter, 2, at, 96 + i % 3 * 4, 94 + i % 2, 37.9, 105 + i % 4, 21 + i % 2);
        }
        reading(api.login("nurse_general", "general-ward-pass"), generalEncounter, 3, now.minusSeconds(120), 80, 97,
                37.0, 125, 16);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theNurseSeesHerWardAlertsArriveLiveAndAcknowledgesOneThatTheApiThenShowsAcknowledged() throws Exception {
        browser = chromium(1280, 900);
        browser.get(base + "/");
        signIn("nurse_joy", "password");
        By tile = By.cssSelector("article[data-encounter='" + icuEncounter + "']");
        waitFor(tile, Duration.ofSeconds(20));
        assertThat(browser.findElements(By.cssSelector("article[data-encounter='" + otherIcuEncounter + "']")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("article[data-encounter='" + generalEncounter + "']")))
                .as("a bed of another ward").isEmpty();
        String tileText = new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(tile).getText());
        assertThat(tileText).contains("101").contains("NEWS2").contains("HR");
        awaitLive();

        long posted = System.nanoTime();
        reading(icuEncounter, 1, Instant.now(), 140, 97, 37.0, 120, 16);
        By tachycardia = By.xpath("//article[@data-encounter='" + icuEncounter
                + "']//li[contains(@class,'alert') and contains(., 'tachycardia')]");
        new WebDriverWait(browser, ALERT_ON_BOARD, Duration.ofMillis(50))
                .withMessage("the TACHYCARDIA alert on the board within 2 s of the reading")
                .until(ExpectedConditions.visibilityOfElementLocated(tachycardia));
        long alertMillis = (System.nanoTime() - posted) / 1_000_000;
        // The board re-renders on every change it hears of: elements are looked up afresh rather than held.
        WebDriverWait fresh = new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50));
        fresh.ignoring(StaleElementReferenceException.class);
        String[] seen = fresh.until(d -> {
            WebElement alert = d.findElement(tachycardia);
            return new String[] {alert.getAttribute("data-alert"), alert.getText()};
        });
        assertThat(seen[1]).contains("HIGH");
        long alertId = Long.parseLong(seen[0]);
        assertThat(browser.getCurrentUrl()).as("no reload, no token in the URL").isEqualTo(base + "/");

        screenshot("board-overview.png");
        fresh.until(d -> {
            d.findElement(By.id("ack-" + alertId)).click();
            return true;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode alerts = api.get("/encounters/" + icuEncounter + "/alerts", nurseToken).data();
            JsonNode acknowledged = null;
            for (JsonNode each : alerts) {
                if (each.get("id").asLong() == alertId) {
                    acknowledged = each;
                }
            }
            assertThat(acknowledged).isNotNull();
            assertThat(acknowledged.get("status").asString()).isEqualTo("acknowledged");
        });
        waitFor(By.xpath("//li[@data-alert='" + alertId + "' and contains(., 'acknowledged')]"), Duration.ofSeconds(10));

        Map<String, Object> figures = pageFigures();
        System.out.printf("BOARD alert on the board %d ms after the reading was stored; %s%n", alertMillis, figures);
    }

    @Test
    void aLostConnectionIsShownPlainlyAndTheBoardResumesByItselfWithoutMissingAnAlert() throws Exception {
        try (CuttableProxy network = new CuttableProxy(system.port())) {
            browser = chromium(1280, 900);
            browser.get("http://localhost:" + network.port() + "/");
            signIn("nurse_joy", "password");
            waitFor(By.cssSelector("article[data-encounter='" + otherIcuEncounter + "']"), Duration.ofSeconds(20));
            awaitLive();
            // A change on the stream before the cut, so the page has an event id to resume after.
            int before = network.sentToClient().length();
            reading(otherIcuEncounter, 2, Instant.now(), 100, 97, 39.6, 110, 18);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> network.sentToClient().substring(before).contains("\nid:"));

            network.cut();
            new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the lost connection shown")
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "Connection lost"));
            // Raised while the board is cut off: it must appear once the stream resumes after its last event id.
            reading(otherIcuEncounter, 2, Instant.now(), 100, 87, 37.2, 110, 18);
            int restoredAt = network.sentToServer().length();
            network.restore();

            awaitLive();
            waitFor(By.xpath("//article[@data-encounter='" + otherIcuEncounter
                    + "']//li[contains(@class,'alert') and contains(., 'hypoxia')]"), Duration.ofSeconds(30));
            // Resumed after its last event, not merely reloaded: the reconnecting stream named it.
            assertThat(network.sentToServer().substring(restoredAt).toLowerCase()).contains("last-event-id:");
            assertThat(browser.getCurrentUrl()).as("no reload").endsWith(":" + network.port() + "/");
        }
    }

    @Test
    void thePatientDetailShowsTrendChartsNews2HistoryAlertsAndTheTabletLayoutFits() throws Exception {
        browser = chromium(1280, 900);
        browser.get(base + "/");
        signIn("nurse_joy", "password");
        // Room 102: a NEWS2 of 5 with its alerts, whatever the other tests did first.
        waitFor(By.cssSelector("article[data-encounter='" + otherIcuEncounter + "']"), Duration.ofSeconds(20));
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.id("details-" + otherIcuEncounter)).click();
            return true;
        });
        waitFor(By.cssSelector("#chart-hr_bpm canvas"), Duration.ofSeconds(20));
        waitFor(By.cssSelector("#chart-news2 canvas"), Duration.ofSeconds(5));
        assertThat(browser.findElement(By.id("detail-title")).getText()).contains("102");
        waitFor(By.cssSelector(".alerts-table"), Duration.ofSeconds(10));
        assertThat(browser.findElement(By.cssSelector("#chart-hr_bpm .chart-area")).getAttribute("aria-label"))
                .contains("Pulse over the last 24 hours");
        assertThat(browser.findElement(By.cssSelector(".news2-history")).getText()).contains("Score");
        assertThat(browser.getCurrentUrl()).endsWith("#encounter/" + otherIcuEncounter);
        // The whole detail, charts and tables, in one picture for docs/ (the width, and so the charts, stay as drawn).
        browser.manage().window().setSize(new Dimension(1280, 2000));
        screenshot("board-detail.png");
        System.out.printf("BOARD detail %s%n", pageFigures());

        browser.manage().window().setSize(new Dimension(768, 1024));
        browser.navigate().to(base + "/#board");
        waitFor(By.cssSelector("article[data-encounter='" + icuEncounter + "']"), Duration.ofSeconds(20));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a 768 px tablet").isLessThanOrEqualTo(0);
    }

    @Test
    void aNurseOfAnotherWardDoesNotSeeTheBedAndAPatientSeesNoBoard() {
        browser = chromium(1280, 900);
        browser.get(base + "/");
        signIn("nurse_general", "general-ward-pass");
        waitFor(By.cssSelector("article[data-encounter='" + generalEncounter + "']"), Duration.ofSeconds(20));
        assertThat(browser.findElements(By.cssSelector("article[data-encounter='" + icuEncounter + "']"))).isEmpty();
        assertThat(browser.findElement(By.id("board-title")).getText()).startsWith("General");

        signOutAndIn("patient_1", "password");
        WebElement noBoard = waitFor(By.id("no-board"), Duration.ofSeconds(10));
        assertThat(noBoard.getText()).contains("no board");
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("article.tile"))).isEmpty();
    }

    @Test
    void theNurseResolvesAnAlertWithAReasonAndRecordsAnObservationFromTheBoard() {
        browser = chromium(1280, 900);
        browser.get(base + "/");
        signIn("nurse_joy", "password");
        By alertOfRoom102 = By.cssSelector("article[data-encounter='" + otherIcuEncounter + "'] li.alert");
        waitFor(alertOfRoom102, Duration.ofSeconds(20));
        WebDriverWait fresh = new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50));
        fresh.ignoring(StaleElementReferenceException.class);
        long alertId = fresh.until(d -> Long.parseLong(d.findElement(alertOfRoom102).getAttribute("data-alert")));

        fresh.until(d -> {
            d.findElement(By.id("resolve-" + alertId)).click();
            return true;
        });
        waitFor(By.id("resolve-reason"), Duration.ofSeconds(5)).sendKeys("Reviewed at the bedside");
        browser.findElement(By.cssSelector("#resolve-form button[value=confirm]")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode resolved = api.get("/encounters/" + otherIcuEncounter + "/alerts?status=resolved", nurseToken)
                    .data();
            assertThat(resolved.valueStream().map(a -> a.get("id").asLong())).contains(alertId);
        });
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("li[data-alert='" + alertId + "']")));

        fresh.until(d -> {
            d.findElement(By.id("note-" + otherIcuEncounter)).click();
            return true;
        });
        waitFor(By.id("note-text"), Duration.ofSeconds(5)).sendKeys("Settled after fluids; family informed.");
        browser.findElement(By.cssSelector("#note-form button[value=confirm]")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/encounters/" + otherIcuEncounter + "/observations", nurseToken).data().toString())
                .contains("Settled after fluids; family informed."));
    }

    @Test
    void theDoctorSeesHisPatientsOnEveryWardTheAdminChoosesAWardAndTheAuditorReadsTheHistory() {
        browser = chromium(1280, 900);
        browser.get(base + "/");
        signIn("dr_house", "password");
        for (long encounter : List.of(icuEncounter, otherIcuEncounter, generalEncounter)) {
            waitFor(By.cssSelector("article[data-encounter='" + encounter + "']"), Duration.ofSeconds(20));
        }
        assertThat(browser.findElement(By.id("scope")).getText()).isEqualTo("Your patients");

        signOutAndIn("admin", "password");
        // The first ward in alphabetical order until he chooses another.
        waitFor(By.id("ward-choice"), Duration.ofSeconds(20));
        waitFor(By.cssSelector("article[data-encounter='" + generalEncounter + "']"), Duration.ofSeconds(20));
        new Select(browser.findElement(By.id("ward-select"))).selectByValue("ICU");
        waitFor(By.cssSelector("article[data-encounter='" + icuEncounter + "']"), Duration.ofSeconds(20));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("article[data-encounter='" + generalEncounter + "']")));

        signOutAndIn("auditor", "password");
        waitFor(By.id("audit-encounter"), Duration.ofSeconds(20)).sendKeys(String.valueOf(icuEncounter));
        browser.findElement(By.cssSelector("#audit-form button[type=submit]")).click();
        waitFor(By.cssSelector("#audit-body table.history tbody tr"), Duration.ofSeconds(20));
        assertThat(browser.findElement(By.cssSelector("#audit-body table.history")).getText())
                .contains("Patient Admitted").contains("admin (user").contains("Vitals Recorded");
        assertThat(browser.findElements(By.cssSelector("article.tile"))).as("auditors have no board").isEmpty();
    }

    @Test
    void thePageAndItsAssetsArePublicAndCarryAStrictContentSecurityPolicy() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (String path : List.of("/", "/ui/app.js", "/ui/board.css", "/webjars/uplot/dist/uPlot.iife.min.js")) {
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                assertThat(page.headers().firstValue("Cache-Control")).as(path).get().asString().contains("no-store");
                assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                        .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe-inline");
            }
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/ui/nothing.js"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).as("a missing asset in the error envelope").contains("\"code\":\"NOT_FOUND\"");
            assertThat(missing.headers().firstValue("X-Request-Id")).isPresent();
            for (String outside : List.of("/ui/../application.yml", "/ui/%2e%2e/application.yml", "/ui/",
                    "/static/index.html", "/application.yml")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + outside)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(outside).isIn(400, 404);
                assertThat(answer.body()).as(outside).contains("\"status\":\"error\"");
            }
            HttpResponse<String> board = client.send(HttpRequest.newBuilder(URI.create(base + "/board")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(board.statusCode()).as("the board's data needs a token").isEqualTo(401);
        }
    }

    private static long admit(String token, long patientId) {
        HttpApi.Response admitted = api.post("/encounters", token,
                "{\"patient_id\":" + patientId + ",\"doctor_id\":1}");
        assertThat(admitted.status()).as("admission of patient %d: %s", patientId, admitted.body()).isEqualTo(201);
        return admitted.data().get("id").asLong();
    }

    private static void reading(long encounterId, long patientId, Instant at, int pulse, int spo2, double temperature,
                                int systolic, int respiration) {
        reading(nurseToken, encounterId, patientId, at, pulse, spo2, temperature, systolic, respiration);
    }

    private static void reading(String token, long encounterId, long patientId, Instant at, int pulse, int spo2,
                                double temperature, int systolic, int respiration) {
        HttpApi.Response stored = api.post("/vitals", token, """
                {"patient_id":%d,"encounter_id":%d,"timestamp":"%s","hr_bpm":%d,"spo2_pct":%d,"temp_c":%.1f,
                 "bp_systolic":%d,"bp_diastolic":75,"resp_rate":%d}""".formatted(patientId, encounterId, at, pulse,
                spo2, temperature, systolic, respiration));
        assertThat(stored.status()).as("reading: %s", stored.body()).isEqualTo(201);
    }

    private WebDriver chromium(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-GB");
        // The driver named explicitly: Selenium Manager would try to download one (no internet here).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void signIn(String username, String password) {
        WebElement name = waitFor(By.id("username"), Duration.ofSeconds(20));
        name.clear();
        name.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        ((JavascriptExecutor) browser).executeScript("performance.mark('sign-in-submitted')");
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    private void signOutAndIn(String username, String password) {
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.id("sign-out")).click();
            return true;
        });
        signIn(username, password);
    }

    private void awaitLive() {
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("the alert stream connected")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "Live"));
    }

    private WebElement waitFor(By locator, Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(50))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Page weight (bytes transferred for the document and every asset) and the paint timings of this page. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> pageFigures() {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                const resources = performance.getEntriesByType('resource');
                const assets = resources.filter(r => r.initiatorType !== 'fetch');
                const api = resources.filter(r => r.initiatorType === 'fetch');
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                const submitted = performance.getEntriesByName('sign-in-submitted')[0];
                const tile = performance.getEntriesByName('first-tile')[0];
                return {
                  page_bytes: nav.transferSize + assets.reduce((sum, r) => sum + r.transferSize, 0),
                  api_bytes: api.reduce((sum, r) => sum + r.transferSize, 0),
                  assets: assets.map(r => new URL(r.name).pathname + ' ' + r.transferSize).join(', '),
                  first_contentful_paint_ms: paint ? Math.round(paint.startTime) : null,
                  dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd),
                  sign_in_to_first_tile_ms: submitted && tile ? Math.round(tile.startTime - submitted.startTime) : null,
                  layout_shift: window.boardLayoutShift || 0
                };""");
    }

    private void screenshot(String name) throws IOException {
        String directory = System.getProperty("board.screenshots");
        if (directory == null || directory.isBlank()) {
            return;
        }
        Path target = Path.of(directory).resolve(name);
        Files.createDirectories(target.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
