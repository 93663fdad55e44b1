package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/**
 * The product form in Chromium: the bank opens it from its desk, a criterion with a typo is refused with its line
 * and column and the typed values kept, the corrected product is published with revenue bands; an enterprise on a
 * phone sees the amount of its band. The form (Chinese, English, 390 px) and 我的融资 pass {@link PageAudit}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductFormBrowserTest {
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

    List<String> audit(String where, boolean phone) {
        List<String> problems = new ArrayList<>();
        PageAudit.words(driver).forEach(p -> problems.add(where + ": " + p));
        if (phone) PageAudit.overflow(driver).forEach(p -> problems.add(where + " at 390 px: " + p));
        else PageAudit.accessibility(driver).forEach(p -> problems.add(where + " axe: " + p));
        return problems;
    }

    void type(WebElement form, String name, String value) {
        WebElement field = form.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    @Test
    void theBankPublishesAProductWithRevenueBandsAndTheEnterpriseSeesItsBand() {
        CreditFixtures fx = new CreditFixtures(jdbc);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoAccounts.PASSWORD);
        long bank = fx.bank("PFBR");
        CurrentUser banker = fx.user("pfb-bank", Role.BANK, null, null, bank, hash);
        CreditFixtures.Ent e = fx.enterprise(CreditFixtures.HUTANG);
        jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, employees, sales_revenue, bad_credit) VALUES (?, ?, 60, 120000000, false)")
                .params(e.id(), LocalDate.now().getYear() - 1).update();
        CurrentUser owner = fx.user("pfb-ent", Role.ENTERPRISE, null, e.id(), null, hash);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        List<String> problems = new ArrayList<>();
        String name = "浏览器成长贷" + CreditFixtures.next();

        PageAudit.viewport(driver, 1366, 900);
        browser.signIn(banker.username());
        browser.open("/credit/bank");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-product"))).click();
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product-form")));
        problems.addAll(audit("product form zh", false));
        type(form, "code", "BR-" + CreditFixtures.next());
        type(form, "name", name);
        new Select(form.findElement(By.name("kind"))).selectByValue("CREDIT");
        type(form, "amountMin", "30");
        type(form, "amountMax", "300");
        type(form, "rateMin", "3.6");
        type(form, "rateMax", "5");
        type(form, "term", "12");
        type(form, "eligibility", "rev | 营业收入不少于 1000 万元 | revenue of at least 10 million yuan | e.sales_revenue >= 1e7 &&");
        new Select(form.findElement(By.name("bandBasis"))).selectByValue("REVENUE");
        type(form, "bands", "0 | 100\n2000 | 200\n10000 | 300");
        driver.findElement(By.id("save-product")).click();
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product-error")));
        // the refused save is answered 400 on purpose; Chromium logs that status, which is not a script error
        assertThat(browser.consoleErrors()).allMatch(m -> m.contains("/credit/bank/products") && m.contains("400"));
        assertThat(error.getText()).contains("eligibility").contains("第 1 行第");
        form = driver.findElement(By.id("product-form"));
        assertThat(form.findElement(By.name("name")).getAttribute("value")).isEqualTo(name);
        type(form, "eligibility", "rev | 营业收入不少于 1000 万元 | revenue of at least 10 million yuan | e.sales_revenue >= 10000000.0");
        driver.findElement(By.id("save-product")).click();
        wait.until(d -> d.findElement(By.id("bank-products")).getText().contains(name));
        assertThat(driver.findElement(By.id("bank-products")).getText()).contains("营业收入 10000 万元起：最高 300 万元");
        browser.open("/credit/bank/products/new?lang=en");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product-form")));
        problems.addAll(audit("product form en", false));
        PageAudit.viewport(driver, 390, 844);
        browser.open("/credit/bank/products/new?lang=zh-CN");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product-form")));
        problems.addAll(audit("product form zh", true));
        browser.open("/");
        browser.signOut();

        // the enterprise, on a phone: 1.2亿元 of revenue, the top band
        browser.signIn(owner.username());
        browser.open("/credit/mine");
        long product = jdbc.sql("SELECT id FROM credit_product WHERE bank_id = ? AND name = ?").params(bank, name).query(Long.class).single();
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product-" + product)));
        assertThat(card.getText()).contains("适用额度 300.00 万元（营业收入 10000 万元及以上档）");
        problems.addAll(audit("mine zh", true));
        assertThat(problems).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
