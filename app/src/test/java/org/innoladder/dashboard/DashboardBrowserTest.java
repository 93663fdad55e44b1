package org.innoladder.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.importer.ImportService;
import org.innoladder.ladder.DashboardFixtures;
import org.innoladder.ladder.LadderSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/**
 * A leader drills down in a real browser: 常州市 → the district → the town → the enterprises behind the figure → one
 * enterprise's file, and at each level the figure clicked equals the rows one level down (the children's sum, then
 * the enterprise list's length).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String FIGURE = "fig-HOLDING-TSME";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportService importer;
    @Autowired
    EvaluationRuns runs;
    @Autowired
    LadderSnapshot snapshot;
    @LocalServerPort
    int port;

    private WebDriver driver;
    private Path profileDir;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: needs /usr/bin/chromium and /usr/bin/chromedriver");
        DashboardFixtures.loaded(jdbc, importer, runs, snapshot);
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code)
                VALUES ('leader', :hash, '科创委领导（演示）', 'LEADER', '3204') ON CONFLICT (username) DO NOTHING""")
                .param("hash", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("Demo@2026")).update();
        profileDir = Files.createTempDirectory("innoladder-chrome-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir, "--window-size=1366,900");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) driver.quit();
        if (profileDir != null && Files.exists(profileDir)) {
            try (Stream<Path> files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    int figure() {
        return Integer.parseInt(driver.findElement(By.id(FIGURE)).getText().strip());
    }

    /** The TSME column of the children table: sum, and the drillable child with the largest value. */
    WebElement largestChild(int expectedSum) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#children-table tbody tr.child"));
        int sum = 0;
        WebElement best = null;
        int bestValue = -1;
        for (WebElement row : rows) {
            int v = Integer.parseInt(row.findElement(By.cssSelector("td[data-tier='TSME']")).getText().strip());
            sum += v;
            List<WebElement> drill = row.findElements(By.cssSelector("a.drill"));
            if (!drill.isEmpty() && v > bestValue) {
                best = drill.get(0);
                bestValue = v;
            }
        }
        assertThat(sum).as("the children add up to the figure").isEqualTo(expectedSum);
        assertThat(bestValue).isPositive();
        return best;
    }

    @Test
    void leaderDrillsFromTheCityToOneEnterpriseFile() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        String base = "http://localhost:" + port;
        driver.get(base + "/login");
        driver.findElement(By.name("username")).sendKeys("leader");
        driver.findElement(By.name("password")).sendKeys("Demo@2026");
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-dashboard"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-funnel[data-rendered='true']")));
        assertThat(driver.findElement(By.id("dashboard-title")).getText()).contains("常州市");
        assertThat(driver.findElements(By.id("refresh"))).as("the leader reads only").isEmpty();
        int city = figure();
        assertThat(city).isPositive();

        largestChild(city).click();
        wait.until(ExpectedConditions.urlContains("region=3204"));
        String districtCode = driver.getCurrentUrl().replaceAll(".*region=([0-9]+).*", "$1");
        assertThat(districtCode).hasSize(6);
        int district = figure();
        largestChild(district).click();
        wait.until(d -> d.getCurrentUrl().matches(".*region=[0-9]{9}.*"));
        assertThat(driver.findElements(By.id("children-table"))).as("a town has no lower level").isEmpty();
        int town = figure();
        assertThat(town).isPositive();

        driver.findElement(By.id(FIGURE)).click();
        WebElement count = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list-count")));
        assertThat(Integer.parseInt(count.getDomAttribute("data-total"))).isEqualTo(town);
        List<WebElement> rows = driver.findElements(By.cssSelector("#enterprise-list tbody tr[data-credit-code]"));
        assertThat(rows).hasSize(Math.min(town, 50));
        String name = rows.get(0).findElements(By.tagName("td")).get(1).getText();
        rows.get(0).findElement(By.cssSelector("a.file")).click();
        WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("enterprise-name")));
        assertThat(file.getText()).isEqualTo(name);
    }
}
