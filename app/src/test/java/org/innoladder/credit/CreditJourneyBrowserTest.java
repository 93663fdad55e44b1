package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
import org.innoladder.rules.credit.CompensationClaim;
import org.innoladder.rules.credit.CompensationSchemes;
import org.innoladder.web.Browser;
import org.innoladder.web.PageAudit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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
 * Issue 12's journey in a real browser: the enterprise consents to a bank and applies from a phone-sized window
 * (390 px) → the bank reviews, approves, contracts and disburses, then reports the loan overdue and non-performing
 * → the bank claims compensation → one bureau officer reviews and a second approves → the pool's balance falls by
 * exactly the amount the scheme computes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CreditJourneyBrowserTest {
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private Browser browser;
    private WebDriver driver;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(port);
        driver = browser.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    void click(WebDriverWait wait, By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    String loanStatus(WebDriverWait wait) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("loan-status"))).getDomAttribute("data-status");
    }

    void step(WebDriverWait wait, String action, String expected) {
        click(wait, By.cssSelector("#act-" + action + " button"));
        wait.until(d -> expected.equals(d.findElement(By.id("loan-status")).getDomAttribute("data-status")));
    }

    BigDecimal balance(WebDriverWait wait, long pool) {
        return new BigDecimal(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-pool='" + pool + "'] .pool-balance"))).getDomAttribute("data-yuan"));
    }

    @Test
    void consentApplyDisburseDefaultClaimReviewApprove() {
        CreditFixtures fx = new CreditFixtures(jdbc);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoAccounts.PASSWORD);
        String town = fx.freeTown();
        CreditFixtures.Ent e = fx.enterprise(town);
        long bank = fx.bank("JB");
        long product = fx.openProduct(bank);
        long pool = fx.pool(town, new BigDecimal("10000000"));
        CurrentUser ent = fx.user("cj-ent", Role.ENTERPRISE, null, e.id(), null, hash);
        CurrentUser banker = fx.user("cj-bank", Role.BANK, null, null, bank, hash);
        CurrentUser reviewer = fx.user("cj-review", Role.BUREAU, CreditFixtures.WUJIN, null, null, hash);
        CurrentUser approver = fx.user("cj-approve", Role.BUREAU, CreditFixtures.WUJIN, null, null, hash);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);

        // the enterprise, on a phone: consent to the bank, then apply for the product it matches
        PageAudit.viewport((ChromeDriver) driver, 390, 844);
        browser.signIn(ent.username());
        browser.open("/credit/mine");
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grant-form select[name=bankId]"))))
                .selectByValue(String.valueOf(bank));
        click(wait, By.id("grant-submit"));
        wait.until(d -> !d.findElements(By.cssSelector("#consents tr[data-consent]")).isEmpty());
        assertThat(PageAudit.overflow((ChromeDriver) driver)).as("the page fits a 390 px phone").isEmpty();
        WebElement amount = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#product-" + product + " input[name=amount]")));
        amount.clear();
        amount.sendKeys("1000000");
        click(wait, By.cssSelector("#product-" + product + " button[type=submit]"));
        assertThat(loanStatus(wait)).isEqualTo("SUBMITTED");
        long loan = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/", ""));
        browser.signOut();

        // the bank: review, approve, contract, disburse; then overdue and non-performing
        PageAudit.viewport((ChromeDriver) driver, 1366, 900);
        browser.signIn(banker.username());
        click(wait, By.id("nav-credit-bank"));
        click(wait, By.cssSelector("#applications tr[data-loan='" + loan + "'] a"));
        step(wait, "review", "UNDER_REVIEW");
        step(wait, "approve", "APPROVED");
        step(wait, "contract", "CONTRACTED");
        step(wait, "disburse", "DISBURSED");
        step(wait, "mark_overdue", "OVERDUE");
        step(wait, "mark_non_performing", "NON_PERFORMING");
        browser.open("/credit/bank");
        WebElement claimForm = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claim-form")));
        claimForm.findElement(By.name("loanId")).sendKeys(String.valueOf(loan));
        claimForm.findElement(By.name("evidence")).sendKeys("不良贷款认定书、催收记录");
        claimForm.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#claims tr[data-claim]")).isEmpty());
        long claim = jdbc.sql("SELECT id FROM compensation_claim WHERE loan_id = ?").param(loan).query(Long.class).single();
        browser.signOut();

        // the scheme's amount, computed here independently: 1,000,000 outstanding, direct, first loan, pure credit
        BigDecimal expected = CompensationSchemes.defaultScheme().compute(new CompensationClaim("x", "b",
                CompensationClaim.LoanKind.DIRECT, true, true, false, new BigDecimal("1000000"), new BigDecimal("1000000"),
                new BigDecimal("1000000"), BigDecimal.ZERO)).amount();
        assertThat(expected).isEqualByComparingTo("350000");

        // one officer reviews; the approve button is not offered to them and the approval is refused
        browser.signIn(reviewer.username());
        browser.open("/credit/bureau");
        click(wait, By.cssSelector("#claim-" + claim + " button[value=REVIEW]"));
        wait.until(d -> "REVIEWED".equals(d.findElement(By.id("claim-" + claim)).getDomAttribute("data-status")));
        click(wait, By.cssSelector("#claim-" + claim + " button[value=APPROVE]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#next-step.warn")));
        assertThat(jdbc.sql("SELECT status FROM compensation_claim WHERE id = ?").param(claim).query(String.class).single()).isEqualTo("REVIEWED");
        browser.signOut();

        // a second officer approves: the pool's balance falls by exactly the computed amount
        browser.signIn(approver.username());
        browser.open("/credit/bureau");
        BigDecimal before = balance(wait, pool);
        click(wait, By.cssSelector("#claim-" + claim + " button[value=APPROVE]"));
        wait.until(d -> "APPROVED".equals(d.findElement(By.id("claim-" + claim)).getDomAttribute("data-status")));
        BigDecimal after = balance(wait, pool);
        assertThat(before.subtract(after)).isEqualByComparingTo(expected);
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
