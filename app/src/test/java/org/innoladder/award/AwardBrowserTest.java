package org.innoladder.award;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
import org.innoladder.policy.PolicyMatched;
import org.innoladder.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/**
 * An automatic award (免申即享) from match to district approval in a real browser, with the demo accounts of the
 * shared contract: {@code enterprise} confirms it on "my policies" giving its bank account, {@code town} (湖塘镇)
 * reviews it, {@code wujin} (武进区科技局) approves it. The accounts are made here as DemoAccounts makes them (the
 * enterprise account attached to an enterprise in 湖塘镇), with a policy and an ELIGIBLE match for that enterprise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AwardBrowserTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
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
    void theEnterpriseConfirmsTheTownReviewsAndTheDistrictApproves() {
        AwardFixtures fx = new AwardFixtures(jdbc);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoAccounts.PASSWORD);
        AwardFixtures.Enterprise e = fx.enterprise(AwardFixtures.HUTANG);
        fx.user("enterprise", Role.ENTERPRISE, null, e.id(), hash);
        fx.user("town", Role.TOWN, AwardFixtures.HUTANG, null, hash);
        fx.user("wujin", Role.BUREAU, AwardFixtures.WUJIN, null, hash);
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("5000000"), AwardFixtures.CITY);
        long run = fx.run(p, 2024);
        fx.match(p, run, e.id(), 2024, "ELIGIBLE", new BigDecimal("200000"));
        events.publishEvent(new PolicyMatched(run, p.id(), 1, 2024));
        long id = jdbc.sql("SELECT id FROM award_case WHERE policy_id = ? AND enterprise_id = ?").params(p.id(), e.id())
                .query(Long.class).single();

        // a page that reloads after a click leaves stale elements behind until the new one is there
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        String base = "http://localhost:" + port;

        // the enterprise: my policies → confirm with the bank account
        browser.signIn("enterprise");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-my-policies"))).click();
        WebElement confirm = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("act-CONFIRM-" + id)));
        assertThat(driver.findElement(By.id("eligible")).getText()).contains("首次认定").contains("20.00 万元");
        assertThat(confirm.findElement(By.name("accountName")).getDomProperty("value")).isEqualTo(e.name());
        confirm.findElement(By.name("accountBank")).sendKeys("中国银行常州武进支行");
        confirm.findElement(By.name("accountNumber")).sendKeys("6216 6101 0000 1234 567");
        driver.findElement(By.id("action-CONFIRM-" + id)).click();
        wait.until(d -> d.findElement(By.cssSelector("#my-case-" + id + " .case-status")).getDomAttribute("data-status")
                .equals("ENTERPRISE_CONFIRMED"));
        assertThat(driver.findElements(By.id("action-CONFIRM-" + id))).isEmpty();
        browser.signOut();

        // the town assistant: award cases → the case → review
        browser.signIn("town");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-awards"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-case='" + id + "'] a"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("action-REVIEW-" + id))).click();
        wait.until(d -> d.findElement(By.id("case-status")).getDomAttribute("data-status").equals("TOWN_REVIEWED"));
        assertThat(driver.findElements(By.id("action-APPROVE-" + id))).as("the town cannot approve").isEmpty();
        browser.signOut();

        // the district bureau: tick the case in the list and approve it
        browser.signIn("wujin");
        driver.get(base + "/awards?status=TOWN_REVIEWED");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pick-" + id))).click();
        driver.findElement(By.id("bulk-approve")).click();
        WebElement outcome = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#bulk-result tr[data-case='" + id + "']")));
        assertThat(outcome.getDomAttribute("data-outcome")).isEqualTo("APPROVED");
        driver.get(base + "/awards/cases/" + id);
        WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-status")));
        assertThat(status.getDomAttribute("data-status")).isEqualTo("DISTRICT_APPROVED");
        assertThat(driver.findElements(By.cssSelector(".award-history tbody tr")).stream().map(r -> r.getDomAttribute("data-action")))
                .containsExactly("OPEN", "CONFIRM", "REVIEW", "APPROVE");
        assertThat(driver.findElement(By.id("case-account")).getText()).contains("6216610100001234567");
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("200000");
    }
}
