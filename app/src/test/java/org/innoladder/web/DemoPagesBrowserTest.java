package org.innoladder.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The shared set-up of the browser tests that walk a capability's pages over the demo data (the demo-pages context, one
 * server and one browser per class), and the walk itself: each page in Chinese and English at 1366 px, audited for
 * what a user would stumble on ({@link PageAudit}: words, accessibility in Chinese, sideways scrolling at 390 px,
 * script errors), with the capability's own checks and a screenshot of each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DemoPagesBrowserTest {
    @LocalServerPort
    protected int port;
    @Autowired
    protected DemoData demo;
    @Autowired
    protected JdbcClient jdbc;

    protected Browser browser;
    protected ChromeDriver driver;

    /** A capability's own assertions on an opened page ({@code where} prefixes their messages). */
    @FunctionalInterface
    protected interface PageCheck {
        void check(String page, String lang, String where);
    }

    @BeforeAll
    protected void startBrowser() {
        demo.ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        browser = Browser.start(port);
        driver = (ChromeDriver) browser.driver();
    }

    @AfterAll
    protected void stopBrowser() {
        if (browser != null) browser.close();
    }

    /**
     * Signs in as the role, walks the pages (a page ending in "&" takes the language as a further parameter) and signs
     * out; returns what a user would stumble on, each prefixed with role, language and page. Screenshots go to
     * {@code shots/role/NN-lang-1366.jpg}.
     */
    protected List<String> walk(String role, List<String> pages, Path shots, PageCheck check) {
        PageAudit.viewport(driver, 1366, 900);
        browser.signIn(role);
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
                check.check(page, lang, where);
                PageAudit.screenshot(driver, shots.resolve(role).resolve(String.format("%02d-%s-1366.jpg", n, lang)));
                PageAudit.viewport(driver, 390, 844);
                found.addAll(PageAudit.overflow(driver));
                for (String error : browser.consoleErrors()) found.add("script: " + error);
                found.forEach(p -> problems.add(where + p));
            }
        }
        PageAudit.viewport(driver, 1366, 900);
        browser.open("/");
        browser.signOut();
        return problems;
    }
}
