package org.innoladder.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.importer.ImportService;
import org.innoladder.ladder.DashboardFixtures;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

    private Browser browser;
    private WebDriver driver;

    @BeforeEach
    void start() throws Exception {
        DashboardFixtures.loaded(jdbc, importer, runs, snapshot);
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code)
                VALUES ('leader', :hash, '科创委领导（演示）', 'LEADER', '3204') ON CONFLICT (username) DO NOTHING""")
                .param("hash", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("Demo@2026")).update();
        browser = Browser.start(port);
        driver = browser.driver();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) browser.close();
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
        browser.signIn("leader");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-dashboard"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-funnel[data-rendered='true']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-funnel-miit[data-rendered='true']")));
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
        String name = rows.get(0).findElements(By.tagName("td")).get(0).getText();
        rows.get(0).findElement(By.cssSelector("a.file")).click();
        WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("enterprise-name")));
        assertThat(file.getText()).isEqualTo(name);
    }
}
