package org.innoladder.investment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.web.Browser;
import org.innoladder.web.PageAudit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The 科技招商 pages and the town ranking in a real browser over the demo data (the demo-pages context): the list, two
 * projects (one landed, one still a lead with its steps) and the ranking of the demo city's towns, for a city bureau and a town officer, in Chinese and English, at 1366 px
 * and as a 390 px phone — nothing a user would stumble on ({@link PageAudit}), and the bureau's list and stage counts
 * show the demo projects. Screenshots go to target/screenshots/investment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvestmentPagesBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots", "investment");

    @LocalServerPort
    int port;
    @Autowired
    DemoData demo;
    @Autowired
    JdbcClient jdbc;

    Browser browser;
    ChromeDriver driver;

    @BeforeAll
    void start() {
        demo.ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        browser = Browser.start(port);
        driver = (ChromeDriver) browser.driver();
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bureau", "town"})
    void theInvestmentPagesSpeakTheReadersLanguage(String role) {
        PageAudit.viewport(driver, 1366, 900);
        browser.signIn(role);
        List<String> pages = new ArrayList<>(List.of("/investment"));
        if (role.equals("bureau")) {
            pages.add("/investment/" + jdbc.sql("SELECT min(id) FROM investment_project WHERE status = 'LANDED'").query(Long.class).single());
            pages.add("/investment/" + jdbc.sql("SELECT min(id) FROM investment_project WHERE status = 'LEAD'").query(Long.class).single());
            pages.add("/assessment/towns");
            pages.add("/assessment/towns?town=" + jdbc.sql("SELECT min(region_code) FROM ladder_target WHERE length(region_code) = 9")
                    .query(String.class).single() + "&");
        }
        List<String> problems = new ArrayList<>();
        browser.consoleErrors();
        int n = 0;
        for (String page : pages) {
            n++;
            for (String lang : List.of("zh-CN", "en")) {
                PageAudit.viewport(driver, 1366, 900);
                browser.open(page + (page.endsWith("&") ? "" : "?") + "lang=" + lang);
                browser.waiting(Duration.ofSeconds(20)).until(d -> "complete".equals(
                        ((JavascriptExecutor) d).executeScript("return document.readyState")));
                String where = role + " " + lang + " " + page + ": ";
                List<String> found = new ArrayList<>(PageAudit.words(driver));
                if (lang.equals("zh-CN")) found.addAll(PageAudit.accessibility(driver));
                if (role.equals("bureau") && page.equals("/investment")) {
                    assertThat(driver.findElements(By.cssSelector("#investment-list tbody tr"))).as(where).isNotEmpty();
                    assertThat(driver.findElement(By.cssSelector("#investment-stages tr[data-status=SIGNED] td.num")).getText())
                            .as(where).doesNotStartWith("0 ");
                }
                if (page.startsWith("/assessment/towns?")) {
                    assertThat(driver.findElements(By.cssSelector(".town-explained table.monthly"))).as(where).isNotEmpty();
                }
                if (page.equals("/assessment/towns")) {
                    // the demo's town targets give the ranking figures: ranked towns with a score
                    assertThat(driver.findElements(By.cssSelector("#ranking tbody tr td.score"))).as(where).isNotEmpty();
                    assertThat(driver.findElement(By.cssSelector("#ranking tbody tr td.num")).getText()).as(where).isEqualTo("1");
                }
                if (role.equals("bureau") && page.equals(pages.get(2))) {
                    assertThat(driver.findElements(By.id("act-NEGOTIATE"))).as(where + "a lead offers its next step").hasSize(1);
                }
                PageAudit.screenshot(driver, SHOTS.resolve(role).resolve(String.format("%02d-%s-1366.jpg", n, lang)));
                PageAudit.viewport(driver, 390, 844);
                found.addAll(PageAudit.overflow(driver));
                for (String error : browser.consoleErrors()) found.add("script: " + error);
                found.forEach(p -> problems.add(where + p));
            }
        }
        PageAudit.viewport(driver, 1366, 900);
        browser.open("/");
        browser.signOut();
        assertThat(problems).as("what a user would stumble on, as " + role).isEmpty();
    }
}
