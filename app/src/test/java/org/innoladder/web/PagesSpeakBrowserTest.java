package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.policy.PolicyDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 11 in a real browser: every role signs in and opens every page of its menu (and a few pages one click further:
 * an enterprise file, a policy, a case, a pool, town work) in Chinese and English, at 1366 px and at a 390 px phone.
 * A page fails on what a clerk, a town assistant or an enterprise owner would stumble on ({@link PageAudit}): an
 * engineer's identifier, a trust tag, an unfilled placeholder, a money or ratio figure with more than two decimals,
 * without unit or grouping, sideways scrolling at 390 px, an axe-core violation rated serious or critical, a script
 * error. Screenshots of every page go to {@code target/screenshots/pages/}. One server (the demo-pages context, shared
 * with the Content-Security-Policy test) and one browser for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesSpeakBrowserTest {
    /** Content pages opened beyond the menu, per role: one per new kind of page. */
    static final int FURTHER = 5;
    static final Path SHOTS = Path.of("target", "screenshots", "pages");
    static final int PHONE = 390, DESK = 1366;

    @LocalServerPort
    int port;
    @Autowired
    DemoData demo;
    @Autowired
    PolicyDemo policies;
    @Autowired
    org.innoladder.review.ReviewDemo reviews;
    @Autowired
    org.innoladder.challenge.ChallengeDemo challenges;

    Browser browser;
    ChromeDriver driver;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        driver = (ChromeDriver) browser.driver();
    }

    @BeforeEach
    void demoData() {
        demo.ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        policies.ensureLoaded(2023, 2024);
        reviews.ensureLoaded(2024);
        challenges.ensureLoaded();
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"admin", "bureau", "town", "enterprise", "bank", "expert", "leader", "solver"})
    void everyPageOfTheMenuSpeaksTheReadersLanguage(String role) {
        PageAudit.viewport(driver, DESK, 900);
        browser.signIn(role);
        List<String> problems = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        pages.add("/");
        for (String menu : links("header nav.mainnav a")) if (!pages.contains(menu)) pages.add(menu);
        int menuPages = pages.size(), further = 0;
        long[] spent = new long[4];
        browser.consoleErrors();

        for (int n = 1; n <= pages.size(); n++) {
            String page = pages.get(n - 1);
            for (String lang : List.of("zh-CN", "en")) {
                // loaded once per language at 1366 px, then looked at again as a 390 px phone (the layout reflows)
                for (int width : List.of(DESK, PHONE)) {
                    long t0 = System.nanoTime();
                    PageAudit.viewport(driver, width, width == PHONE ? 844 : 900);
                    if (width == DESK) {
                        browser.open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                        browser.waiting(Duration.ofSeconds(20)).until(d -> "complete".equals(
                                ((JavascriptExecutor) d).executeScript("return document.readyState")));
                    }
                    String where = role + " " + lang + " " + width + " " + page + ": ";
                    long t1 = System.nanoTime();
                    if (n <= menuPages && lang.equals("zh-CN") && width == DESK) {
                        // one click further from the menu's pages: the first link to each new kind of page
                        for (String next : links("main a")) {
                            if (further >= FURTHER) break;
                            if (pages.stream().noneMatch(p -> shape(p).equals(shape(next)))) {
                                pages.add(next);
                                further++;
                            }
                        }
                    }
                    List<String> found = new ArrayList<>(PageAudit.words(driver));
                    if (width == PHONE) found.addAll(PageAudit.overflow(driver));
                    // axe once per page, and on each role's home page at phone width with the menu open
                    long t2 = System.nanoTime();
                    if (lang.equals("zh-CN") && (width == DESK || page.equals("/"))) {
                        if (page.equals("/") && width == PHONE) driver.findElement(By.id("menu-toggle")).click();
                        found.addAll(PageAudit.accessibility(driver));
                    }
                    long t3 = System.nanoTime();
                    for (String error : browser.consoleErrors()) {
                        if (!error.contains("the server responded with a status of")) found.add("script: " + error);
                    }
                    found.forEach(p -> problems.add(where + p));
                    // every page in Chinese at both widths, in English as a phone
                    if (lang.equals("zh-CN") || width == PHONE) {
                        PageAudit.screenshot(driver, SHOTS.resolve(role).resolve(String.format("%02d-%s-%d.jpg", n, lang, width)));
                    }
                    long t4 = System.nanoTime();
                    spent[0] += t1 - t0;
                    spent[1] += t2 - t1;
                    spent[2] += t3 - t2;
                    spent[3] += t4 - t3;
                }
            }
        }
        System.out.printf("%s: %d pages; load %d ms, words %d ms, axe %d ms, screenshots %d ms%n", role, pages.size(),
                spent[0] / 1_000_000, spent[1] / 1_000_000, spent[2] / 1_000_000, spent[3] / 1_000_000);
        PageAudit.viewport(driver, DESK, 900);
        browser.open("/");
        browser.signOut();
        assertThat(pages).as("pages opened for " + role).hasSizeGreaterThanOrEqualTo(role.equals("expert") ? 2 : 4);
        assertThat(problems).as("what a user would stumble on, as " + role).isEmpty();
    }

    /** Same-site page links (no downloads, no language switch, no sign-out), as paths with their query. */
    private List<String> links(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement a : driver.findElements(By.cssSelector(css))) {
            String href = a.getAttribute("href");
            if (href == null || !href.startsWith(browser.url("/"))) continue;
            URI u = URI.create(href);
            String path = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            if (path.matches(".*\\.(xlsx|csv|yaml)(\\?.*)?") || path.contains("lang=") || path.startsWith("/logout")
                    || path.contains("/material")) continue;
            out.add(path);
        }
        return out;
    }

    /** A page's kind: its path with ids replaced. */
    static String shape(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).replaceAll("/[0-9A-Z]{18}(?=/|$)", "/{code}")
                .replaceAll("/[0-9]+(?=/|$)", "/{id}");
    }
}
