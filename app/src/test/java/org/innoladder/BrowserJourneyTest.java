package org.innoladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.innoladder.rules.facts.CreditCode;
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
 * The whole path a bureau officer takes, in a real browser: sign in, import a CSV, find the imported enterprise
 * and open its file with the revenue chart drawn.
 *
 * <p>Contracts it relies on: the login form ({@code username}, {@code password}, {@code #login-submit}); the
 * import page {@code /imports} with one {@code input[type=file]} inside a form with a submit button, showing the
 * finished batch in an element {@code #import-summary}; the enterprise list ({@code #q}, {@code #search-submit},
 * rows {@code tr[data-credit-code]}) and file page ({@code #chart-revenue}, marked {@code data-rendered}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BrowserJourneyTest {
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private Browser browser;
    private WebDriver driver;
    private Path csv;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Browser.start(port);
        driver = browser.driver();
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) browser.close();
        if (csv != null) Files.deleteIfExists(csv);
    }

    @Test
    void bureauImportsFindsAndOpensAnEnterpriseFile() throws Exception {
        // unique per run, so the import is never the no-op re-import of an earlier file
        String body = String.format("%08d", System.nanoTime() % 100_000_000L);
        String code = CreditCode.complete("91320412" + body);
        String other = CreditCode.complete("91320411" + String.format("%08d", (System.nanoTime() + 7) % 100_000_000L));
        String name = "浏览器旅程" + body + "精密机械有限公司";
        csv = Files.createTempFile("journey-", ".csv");
        Files.writeString(csv, String.join("\n",
                "credit_code,name,region_code,industry_code,hnte_domain,founded_on,listed,year,employees,tech_staff,rd_staff,sales_revenue,rd_expense",
                code + "," + name + ",320412100,C3421,08,2012-04-01,否,2022,180,30,20,80000000,3000000",
                code + "," + name + ",320412100,C3421,08,2012-04-01,否,2023,200,40,25,100000000,4500000",
                code + "," + name + ",320412100,C3421,08,2012-04-01,否,2024,220,45,30,123456789.01,6000000",
                other + ",浏览器旅程" + body + "软件有限公司,320411002,I6513,01,2019-09-09,否,2024,35,20,12,9000000,1200000",
                ""), StandardCharsets.UTF_8);

        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        String base = "http://localhost:" + port;

        // the demo account of the shared contract (created by `serve`); made here when this context has none
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code)
                VALUES ('bureau', :hash, '常州市科技局（演示）', 'BUREAU', '3204') ON CONFLICT (username) DO NOTHING""")
                .param("hash", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("Demo@2026")).update();

        browser.signIn("bureau");

        driver.get(base + "/imports");
        WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]")));
        file.sendKeys(csv.toAbsolutePath().toString());
        file.findElement(By.xpath("./ancestor::form"))
                .findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        WebElement summary = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary")));
        assertThat(summary.getText()).isNotBlank();

        driver.get(base + "/enterprises");
        driver.findElement(By.id("q")).sendKeys(name);
        driver.findElement(By.id("search-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-credit-code='" + code + "']")));
        assertThat(driver.findElements(By.cssSelector("#enterprise-table tbody tr[data-credit-code]"))).hasSize(1);
        // the list may be swapped in again (search-as-you-type answering after the submit): click the row as it is now
        By link = By.cssSelector("tr[data-credit-code='" + code + "'] td.name a");
        wait.until(d -> {
            try {
                d.findElement(link).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return false;
            }
        });

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-revenue canvas")));
        assertThat(driver.findElement(By.id("enterprise-name")).getText()).isEqualTo(name);
        assertThat(driver.findElement(By.id("chart-revenue")).getDomAttribute("data-rendered")).isEqualTo("true");
        assertThat(driver.findElement(By.id("region-path")).getText()).isEqualTo("常州市 › 武进区 › 湖塘镇");
        assertThat(driver.findElement(By.id("fact-sales_revenue")).getText()).contains("12,345.68");
    }
}
