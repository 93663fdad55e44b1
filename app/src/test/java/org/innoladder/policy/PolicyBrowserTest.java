package org.innoladder.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.innoladder.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * A bureau officer in a real browser: writes a policy whose condition does not type-check and is told the field and
 * position, fixes it, saves and publishes it, then asks the sandbox what a higher award would cost.
 * Same context as BrowserJourneyTest (same configuration), so Spring starts one server for both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PolicyBrowserTest {
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private Browser browser;
    private WebDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Browser.start(port);
        driver = browser.driver();
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) browser.close();
    }

    @Test
    void bureauWritesFixesPublishesAndSandboxesAPolicy() {
        String suffix = String.format("%06d", System.nanoTime() % 1_000_000L);
        String code = "browser_" + suffix;
        String credit = PolicyFixtures.code("320412", 64, (int) (System.nanoTime() % 900_000));
        long id = PolicyFixtures.enterprise(jdbc, credit, "浏览器政策" + suffix + "科技有限公司", "320412100");
        PolicyFixtures.year(jdbc, id, 2024, PolicyFixtures.facts(5_000_000, false));
        PolicyFixtures.recognition(jdbc, id, "HNTE", LocalDate.of(2024, 9, 1), LocalDate.of(2027, 8, 31));
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code)
                VALUES ('bureau', :hash, '常州市科技局（演示）', 'BUREAU', '3204') ON CONFLICT (username) DO NOTHING""")
                .param("hash", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("Demo@2026")).update();

        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        String base = "http://localhost:" + port;
        browser.signIn("bureau");

        String good = PolicyFixtures.yaml("hnte_first_award").replace("code: hnte_first_award", "code: " + code);
        driver.get(base + "/policies/new");
        setDefinition(wait, good.replace("rec.hnte.first_year == e.year", "rec.hnte.first_yr == e.year"));
        driver.findElement(By.id("policy-save")).click();
        WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-error-field")));
        assertThat(field.getText()).isEqualTo("criterion 'first_hnte' condition");
        assertThat(driver.findElement(By.id("policy-error-position")).getText()).contains("行").contains("列");

        setDefinition(wait, good);
        driver.findElement(By.id("policy-save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-saved")));
        driver.findElement(By.id("policy-publish")).click();
        wait.until(ExpectedConditions.textMatches(By.id("policy-status"), java.util.regex.Pattern.compile("^已发布")));

        driver.findElement(By.id("policy-sandbox")).click();
        WebElement award = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sandbox-p-award")));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("region"))).selectByValue("320412");
        WebElement year = driver.findElement(By.name("year"));
        year.clear();
        year.sendKeys("2024");
        award.sendKeys("300000");
        driver.findElement(By.id("sandbox-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sandbox-answer")));
        int before = Integer.parseInt(driver.findElement(By.id("sandbox-eligible-before")).getText());
        assertThat(before).isPositive();
        assertThat(driver.findElement(By.id("sandbox-eligible-after")).getText()).isEqualTo(String.valueOf(before));
        // 300,000 元 each, shown in 万元
        assertThat(driver.findElement(By.id("sandbox-total-after")).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,.2f 万元", before * 30.0));
    }

    private void setDefinition(WebDriverWait wait, String yaml) {
        WebElement area = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-definition")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", area, yaml);
    }
}
