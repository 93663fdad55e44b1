package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
import org.innoladder.web.Browser;
import org.innoladder.web.PageAudit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/**
 * The white list in Chromium: a district officer saves and publishes the rule and publishes the list through the page's
 * forms, sees the listed enterprise with its reason and the near miss with its gap; the listed enterprise, on a phone,
 * reads its standing and opts in to recommendation; the bank then sees it. The white-list page and the changed
 * sections pass {@link PageAudit} (words, a 390 px phone, axe) in Chinese and English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WhiteListBrowserTest {
    static final int YEAR = 2097;

    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private Browser browser;
    private ChromeDriver driver;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(port);
        driver = (ChromeDriver) browser.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    CreditFixtures.Ent enterprise(CreditFixtures fx, String town, long run, int percentile) {
        CreditFixtures.Ent e = fx.enterprise(town);
        jdbc.sql("""
                INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,
                    stage_uncertain, breakdown, run_id) VALUES (?, ?, 'wlb', '1', 'growth', 75.5, ?, false, '{}'::jsonb, ?)""")
                .params(e.id(), YEAR, percentile, run).update();
        jdbc.sql("INSERT INTO ladder_standing (year, enterprise_id, credit_code, region_code, growth_official, held_mask)"
                        + " SELECT ?, id, credit_code, ?, 'HNTE', 2 FROM enterprise WHERE id = ?")
                .params(YEAR, town, e.id()).update();
        return e;
    }

    List<String> audit(String where, boolean phone) {
        List<String> problems = new ArrayList<>();
        PageAudit.words(driver).forEach(p -> problems.add(where + ": " + p));
        if (phone) PageAudit.overflow(driver).forEach(p -> problems.add(where + " at 390 px: " + p));
        else PageAudit.accessibility(driver).forEach(p -> problems.add(where + " axe: " + p));
        return problems;
    }

    @Test
    void theOfficerPublishesTheEnterpriseOptsInAndTheBankSeesIt() {
        CreditFixtures fx = new CreditFixtures(jdbc);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoAccounts.PASSWORD);
        String town = fx.freeTown();
        long run = jdbc.sql("INSERT INTO points_run (year, model_id, model_version, started_by) VALUES (?, 'wlb', '1', 'test') RETURNING id")
                .param(YEAR).query(Long.class).single();
        CreditFixtures.Ent listed = enterprise(fx, town, run, 80);
        CreditFixtures.Ent near = enterprise(fx, town, run, 40);
        long bank = fx.bank("WLBR");
        fx.openProduct(bank);
        CurrentUser officer = fx.user("wlb-officer", Role.BUREAU, CreditFixtures.WUJIN, null, null, hash);
        CurrentUser owner = fx.user("wlb-ent", Role.ENTERPRISE, null, listed.id(), null, hash);
        CurrentUser banker = fx.user("wlb-bank", Role.BANK, null, null, bank, hash);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        List<String> problems = new ArrayList<>();

        // the officer: a draft rule, published, then the list of the period
        PageAudit.viewport(driver, 1366, 900);
        browser.signIn(officer.username());
        browser.open("/credit/bureau/white-list");
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-form")));
        form.findElement(By.name("title")).clear();
        form.findElement(By.name("title")).sendKeys("武进区科技型企业白名单");
        WebElement criteria = form.findElement(By.name("criteria"));
        criteria.clear();
        criteria.sendKeys("percentile | 创新积分位于本阶段前 40% | points in the top 40% of the stage | points.percentile >= 60.0\n"
                + "tech | 为有效高新技术企业 | a valid HNTE | 'HNTE' in tiers");
        form.findElement(By.name("citation")).clear();
        form.findElement(By.name("citation")).sendKeys("浏览器测试依据");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2025-01-01'", form.findElement(By.name("effectiveFrom")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = ''", form.findElement(By.name("effectiveTo")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("save-rule"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("publish-rule"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("publish-rule")));
        WebElement period = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#publish-form input[name=period]")));
        period.clear();
        period.sendKeys(String.valueOf(YEAR));
        ((JavascriptExecutor) driver).executeScript("document.querySelector('#publish-form select[name=region]').value = arguments[0]",
                CreditFixtures.WUJIN);
        driver.findElement(By.id("publish-list")).click();
        wait.until(d -> d.findElement(By.id("entries")).getText().contains(listed.name()));
        assertThat(driver.findElement(By.id("entries")).getText()).contains("符合：创新积分位于本阶段前 40%；为有效高新技术企业")
                .doesNotContain(near.name());
        problems.addAll(audit("white list zh", false));
        browser.open("/credit/bureau/white-list?show=NEAR&lang=en");
        wait.until(d -> d.findElement(By.id("entries")).getText().contains(near.name()));
        assertThat(driver.findElement(By.id("entries")).getText()).contains("one short: points in the top 40% of the stage");
        problems.addAll(audit("white list en", false));
        PageAudit.viewport(driver, 390, 844);
        browser.open("/credit/bureau/white-list?lang=zh-CN");
        problems.addAll(audit("white list zh", true));
        PageAudit.viewport(driver, 1366, 900);
        browser.open("/");
        browser.signOut();

        // the enterprise, on a phone: listed, with the reason; it agrees to be recommended
        PageAudit.viewport(driver, 390, 844);
        browser.signIn(owner.username());
        browser.open("/credit/mine");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("white-list-status"))).getText()).contains("已入选");
        problems.addAll(audit("mine zh", true));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("recommend-toggle"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("next-step")));
        browser.signOut();

        // the bank sees the recommended enterprise (no link to its file without consent)
        PageAudit.viewport(driver, 1366, 900);
        browser.signIn(banker.username());
        browser.open("/credit/bank");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#white-list tr[data-enterprise='" + listed.id() + "']")));
        assertThat(row.getText()).contains(listed.name()).contains("70–80");
        assertThat(row.findElements(By.tagName("a"))).isEmpty();
        problems.addAll(audit("bank zh", false));
        assertThat(problems).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
