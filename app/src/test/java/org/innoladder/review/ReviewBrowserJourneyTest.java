package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.evaluation.FileResults;
import org.innoladder.evaluation.StoredResult;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/**
 * The two journeys of issue 13 in a real browser. HNTE: an enterprise of the reserve pool submits its dossier, the
 * town checks it, the district checks it with the ruleset's result beside it and assigns the proposed experts, three
 * experts accept and score, the district decides, and the next evaluation is QUALIFIED with the experts' scores in it.
 * 揭榜挂帅: a need becomes a published challenge on the public board, a solver registers (activated by the bureau) and
 * applies, three experts score it blind, the winner is publicised and contracted, a milestone is reported, accepted by
 * an expert and paid.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=review-browser")
@ActiveProfiles("test")
class ReviewBrowserJourneyTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationRuns runs;
    @Autowired
    FileResults results;
    @LocalServerPort
    int port;

    Browser browser;
    WebDriver driver;
    WebDriverWait wait;
    String hash;

    @BeforeEach
    void start() {
        browser = Browser.start(port);
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoAccounts.PASSWORD);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
    }

    CurrentUser account(String username, Role role, String region, Long enterpriseId) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, region_code = EXCLUDED.region_code, enterprise_id = EXCLUDED.enterprise_id
                RETURNING id""").params(username, hash, username + "（演示）", role.name(), region, enterpriseId).query(Long.class).single();
        return new CurrentUser(id, username, username, role, region, enterpriseId, null);
    }

    void expert(String username, String field) {
        CurrentUser u = account(username, Role.EXPERT, null, null);
        jdbc.sql("INSERT INTO review_expert (user_id, name, organisation, title, fields, region_code) VALUES (?, ?, ?, '教授', ARRAY[?], '3204')")
                .params(u.id(), "专家" + username, "大学" + username, field).update();
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Clicks a button that submits its form and waits for the next page, so what is read next is not the old page's. */
    void submit(String id) {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
    }

    void status(String elementId, String value) {
        wait.until(d -> value.equals(d.findElement(By.id(elementId)).getDomAttribute("data-status")));
    }

    void score(String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            WebElement in = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("score-" + pairs[i])));
            in.clear();
            in.sendKeys(pairs[i + 1]);
            List<WebElement> comment = driver.findElements(By.id("comment-" + pairs[i]));
            if (!comment.isEmpty()) comment.get(0).sendKeys("依据材料评分");
        }
        click("act-SUBMIT");
    }

    @Test
    void aReservePoolEnterpriseIsReviewedAtThreeLevelsAndQualifies() {
        ReviewFixtures fx = new ReviewFixtures(jdbc);
        ReviewFixtures.Enterprise e = fx.hnteCandidate(ReviewFixtures.HUTANG, 2024);
        account("enterprise", Role.ENTERPRISE, null, e.id());
        account("town", Role.TOWN, ReviewFixtures.HUTANG, null);
        CurrentUser wujin = account("wujin", Role.BUREAU, ReviewFixtures.WUJIN, null);
        for (String x : List.of("hx1", "hx2", "hx3")) expert(x, "01");
        runs.run(wujin, runs.check(wujin, ReviewFixtures.HUTANG, 2024, List.of("hnte@2016")), null);

        browser.signIn("enterprise");
        click("nav-hnte");
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hnte-submit")));
        WebElement year = form.findElement(By.name("year"));
        year.clear();
        year.sendKeys("2024");
        form.findElement(By.name("agencyName")).sendKeys("常州某知识产权代理公司");
        form.findElement(By.name("ipList")).sendKeys("发明专利2件；实用新型3件");
        form.findElement(By.name("rdProjects")).sendKeys("项目A；项目B");
        form.findElement(By.name("evidence")).sendKeys("查新报告；研发管理制度");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        status("dossier-status", "SUBMITTED");
        String dossierUrl = driver.getCurrentUrl();
        browser.signOut();

        browser.signIn("town");
        driver.get(dossierUrl);
        click("act-TOWN_CHECK");
        status("dossier-status", "TOWN_CHECKED");
        browser.signOut();

        browser.signIn("wujin");
        driver.get(dossierUrl);
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dossier-outcome"))).getDomAttribute("data-outcome"))
                .isEqualTo("UNDETERMINED");
        click("act-CITY_CHECK");
        status("dossier-status", "CITY_CHECKED");
        click("dossier-review");
        click("act-ASSIGN");
        status("review-status", "SCORING");
        String reviewUrl = driver.getCurrentUrl();
        browser.signOut();

        String[][] sheets = {{"7", "6", "1", "5", "4", "3", "3"}, {"6", "6", "2", "4", "5", "3", "2"}, {"6", "5", "0", "5", "4", "2", "3"}};
        String[] items = {"tech_advancement", "core_support", "standards_bonus", "rd_system", "rd_institution", "rd_conversion", "rd_talent"};
        for (int k = 0; k < 3; k++) {
            browser.signIn("hx" + (k + 1));
            click("nav-my-reviews");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#my-reviews tbody tr a"))).click();
            submit("act-ACCEPT");
            if (k == 1) assertThat(driver.findElement(By.id("others-hidden")).isDisplayed()).isTrue();
            String[] pairs = new String[14];
            for (int i = 0; i < 7; i++) {
                pairs[2 * i] = items[i];
                pairs[2 * i + 1] = sheets[k][i];
            }
            score(pairs);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary-line")));
            browser.signOut();
        }

        browser.signIn("wujin");
        driver.get(reviewUrl);
        status("review-status", "MODERATION");
        click("act-DECIDE");
        status("review-status", "DECIDED");
        runs.run(wujin, runs.check(wujin, ReviewFixtures.HUTANG, 2024, List.of("hnte@2016")), null);
        driver.get(dossierUrl);
        status("dossier-status", "SCORED");
        assertThat(driver.findElement(By.id("dossier-provenance")).getText()).contains("专家hx1", "高企-技术先进程度 6");
        assertThat(driver.findElement(By.id("dossier-outcome")).getDomAttribute("data-outcome")).isEqualTo("QUALIFIED");
        driver.get(browser.url("/enterprises/" + e.creditCode()));
        WebElement section = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation-hnte-2024")));
        assertThat(section.getDomAttribute("data-outcome")).isEqualTo("QUALIFIED");
        StoredResult r = results.forFile(wujin.scope(), e.creditCode(), Locale.SIMPLIFIED_CHINESE).stream()
                .filter(x -> "hnte".equals(x.ruleset()) && x.year() == 2024).findFirst().orElseThrow();
        assertThat(r.items()).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo("rd_management");
            assertThat(i.min()).isEqualTo(14);
        });
    }

    @Test
    void aNeedBecomesAChallengeWhoseWinnerIsContractedAndPaid() {
        account("wujin", Role.BUREAU, ReviewFixtures.WUJIN, null);
        for (String x : List.of("cx1", "cx2", "cx3")) expert(x, "智能制造");

        browser.signIn("wujin");
        click("nav-challenges");
        click("need-link");
        driver.findElement(By.id("need-title")).sendKeys("伺服电机温升控制");
        driver.findElement(By.id("need-problem")).sendKeys("连续运行温升超过 60K");
        driver.findElement(By.id("need-indicators")).sendKeys("温升 ≤ 45K");
        driver.findElement(By.id("need-field")).sendKeys("智能制造");
        driver.findElement(By.id("need-issuer")).sendKeys("常州某电机有限公司");
        driver.findElement(By.id("need-issuer-funding")).sendKeys("600000");
        driver.findElement(By.id("need-government-funding")).sendKeys("400000");
        WebElement deadline = driver.findElement(By.id("need-deadline"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", deadline,
                LocalDate.now().plusDays(20).toString());
        click("need-submit");
        status("challenge-status", "NEED");
        String challengeUrl = driver.getCurrentUrl();
        long id = Long.parseLong(challengeUrl.replaceAll(".*/", ""));
        click("act-SCREEN");
        status("challenge-status", "SCREENED");
        click("act-PUBLISH");
        status("challenge-status", "PUBLISHED");
        browser.signOut();

        // the board without an account; a solver registers
        browser.open("/challenges/board?field=智能制造&status=PUBLISHED");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#board-table tr[data-challenge='" + id + "']")));
        click("register-link");
        driver.findElement(By.id("reg-code")).sendKeys(org.innoladder.rules.facts.CreditCode.complete("1232040046628601"));
        driver.findElement(By.id("reg-name")).sendKeys("常州某大学");
        driver.findElement(By.id("reg-contact")).sendKeys("王老师");
        driver.findElement(By.id("reg-phone")).sendKeys("13800138000");
        driver.findElement(By.id("reg-username")).sendKeys("solver");
        driver.findElement(By.id("reg-password")).sendKeys(DemoAccounts.PASSWORD);
        click("reg-submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("registered")));

        browser.signIn("wujin");
        browser.open("/solvers");
        long solverId = jdbc.sql("SELECT id FROM challenge_solver WHERE name = '常州某大学'").query(Long.class).single();
        click("activate-" + solverId);
        wait.until(d -> "ACTIVE".equals(d.findElement(By.cssSelector("tr[data-solver='" + solverId + "']")).getDomAttribute("data-status")));
        browser.signOut();

        browser.signIn("solver");
        browser.open("/challenges/board/" + id);
        driver.findElement(By.id("apply-team")).sendKeys("教授 1 名、博士 3 名");
        driver.findElement(By.id("apply-plan")).sendKeys("新型冷却结构与控制算法");
        driver.findElement(By.id("apply-milestones")).sendKeys("样机 6 个月；验证 12 个月");
        driver.findElement(By.id("apply-price")).sendKeys("1000000");
        click("apply-submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div[data-status='SUBMITTED']")));
        browser.signOut();

        browser.signIn("wujin");
        driver.get(challengeUrl);
        long app = jdbc.sql("SELECT id FROM challenge_application WHERE challenge_id = ?").params(id).query(Long.class).single();
        submit("formal-ok-" + app);
        click("act-CLOSE");
        status("challenge-status", "REVIEW");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-app='" + app + "'] a"))).click();
        click("act-ASSIGN");
        status("review-status", "SCORING");
        String reviewUrl = driver.getCurrentUrl();
        browser.signOut();

        String[][] sheets = {{"25", "20", "16", "12", "8"}, {"24", "21", "15", "12", "8"}, {"26", "20", "17", "13", "9"}};
        String[] items = {"plan", "indicators", "team", "milestones", "price"};
        for (int k = 0; k < 3; k++) {
            browser.signIn("cx" + (k + 1));
            driver.get(reviewUrl);
            submit("act-ACCEPT");
            assertThat(driver.findElement(By.id("review-applicant")).getText()).as("blind review").doesNotContain("常州某大学");
            String[] pairs = new String[10];
            for (int i = 0; i < 5; i++) {
                pairs[2 * i] = items[i];
                pairs[2 * i + 1] = sheets[k][i];
            }
            score(pairs);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary-line")));
            browser.signOut();
        }

        browser.signIn("wujin");
        driver.get(reviewUrl);
        click("act-DECIDE");
        status("review-status", "DECIDED");
        driver.get(challengeUrl);
        click("act-NEGOTIATE");
        status("challenge-status", "NEGOTIATION");
        click("act-PUBLICISE");
        status("challenge-status", "PUBLICITY");
        // the publicity period passes
        jdbc.sql("UPDATE challenge SET publicity_ends_on = current_date - 1 WHERE id = ?").params(id).update();
        driver.get(challengeUrl);
        List<WebElement> titles = driver.findElements(By.name("milestoneTitle"));
        List<WebElement> dues = driver.findElements(By.name("milestoneDue"));
        List<WebElement> issuers = driver.findElements(By.name("milestoneIssuer"));
        List<WebElement> governments = driver.findElements(By.name("milestoneGovernment"));
        String[][] plan = {{"样机", "300000", "200000"}, {"验证", "300000", "200000"}};
        for (int m = 0; m < 2; m++) {
            titles.get(m).sendKeys(plan[m][0]);
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", dues.get(m),
                    LocalDate.now().plusMonths(6L * (m + 1)).toString());
            issuers.get(m).sendKeys(plan[m][1]);
            governments.get(m).sendKeys(plan[m][2]);
        }
        click("act-CONTRACT");
        status("challenge-status", "CONTRACTED");
        browser.signOut();

        long first = jdbc.sql("SELECT id FROM challenge_milestone WHERE challenge_id = ? AND seq = 1").params(id).query(Long.class).single();
        browser.signIn("solver");
        click("nav-my-applications");
        WebElement report = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-" + first)));
        report.findElement(By.xpath("./preceding::input[@name='report'][1]")).sendKeys("样机完成，温升 43K");
        report.click();
        wait.until(d -> d.findElement(By.cssSelector("tr[data-milestone='" + first + "']")).getDomAttribute("data-status").equals("REPORTED"));
        browser.signOut();

        browser.signIn("cx1");
        driver.get(challengeUrl);
        submit("accept-" + first);
        driver.get(challengeUrl);
        wait.until(d -> d.findElement(By.cssSelector("tr[data-milestone='" + first + "']")).getDomAttribute("data-status").equals("PAID"));
        assertThat(driver.findElement(By.id("challenge-paid")).getText()).contains("30.00 万元", "20.00 万元");
    }
}
