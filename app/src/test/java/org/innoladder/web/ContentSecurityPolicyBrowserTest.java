package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.policy.PolicyDemo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Finding 9 of issue 9 in a real browser: every page of every demo role's menu (and the pages one click further in
 * the content) loads under the Content-Security-Policy without a violation and without a script error, and its
 * charts are drawn. Violations are caught twice: by a {@code securitypolicyviolation} listener installed before any
 * page script runs, and in the console. Its own database with a small demo data set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
class ContentSecurityPolicyBrowserTest {
    static final List<String> ROLES = List.of("admin", "bureau", "wujin", "town", "enterprise", "bank", "expert", "leader");
    /** Pages opened per role: the menu, the home page's links, and their content links up to this many. */
    static final int MAX_PAGES_PER_ROLE = 24;
    static final String LISTEN = """
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
            });""";

    @LocalServerPort
    int port;
    @Autowired
    DemoData demo;
    @Autowired
    PolicyDemo policies;

    Browser browser;

    @BeforeEach
    void demoAndBrowser() {
        demo.ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        policies.ensureLoaded(2023, 2024);
        browser = Browser.start(port);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", LISTEN));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    @Test
    void everyPageOfEveryRolesMenuPassesTheContentSecurityPolicy() {
        List<String> problems = new ArrayList<>();
        int opened = 0;
        boolean sawChart = false;
        for (String role : ROLES) {
            browser.signIn(role);
            Set<String> toOpen = new LinkedHashSet<>(links("header nav.mainnav a"));
            toOpen.add("/");
            toOpen.addAll(links("main a"));
            Set<String> done = new LinkedHashSet<>();
            List<String> queue = new ArrayList<>(toOpen);
            for (int i = 0; i < queue.size() && done.size() < MAX_PAGES_PER_ROLE; i++) {
                String path = queue.get(i);
                if (!done.add(path)) continue;
                browser.open(path);
                browser.waiting(Duration.ofSeconds(20)).until(d -> "complete".equals(
                        ((JavascriptExecutor) d).executeScript("return document.readyState")));
                if (hoverChart()) sawChart = true;
                for (String problem : problems()) problems.add(role + " " + path + ": " + problem);
                // one click further: the content's links, keeping one per path so lists do not flood the queue
                if (toOpen.contains(path)) {
                    for (String next : links("main a")) {
                        if (queue.stream().noneMatch(q -> pathOf(q).equals(pathOf(next)))) queue.add(next);
                    }
                }
            }
            opened += done.size();
            browser.signOut();
        }
        assertThat(opened).as("pages opened").isGreaterThan(60);
        assertThat(sawChart).as("a chart was drawn and hovered").isTrue();
        assertThat(problems).as("CSP violations and script errors").isEmpty();
    }

    /** Same-site page links (no downloads, no sign-out), as paths with their query. */
    private List<String> links(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement a : browser.driver().findElements(By.cssSelector(css))) {
            String href = a.getAttribute("href");
            if (href == null || !href.startsWith(browser.url("/"))) continue;
            URI u = URI.create(href);
            String path = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            if (path.matches(".*\\.(xlsx|csv)(\\?.*)?") || path.contains("lang=") || path.startsWith("/logout")) continue;
            out.add(path);
        }
        return out;
    }

    private static String pathOf(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).replaceAll("/[0-9A-Z]{18}$|/[0-9]+", "/{id}");
    }

    /** Hovers over the first drawn chart, so its tooltip (HTML with inline styles) is rendered too. */
    private boolean hoverChart() {
        List<WebElement> charts = browser.driver().findElements(By.cssSelector(".chart[data-rendered='true']"));
        if (charts.isEmpty()) return false;
        new Actions(browser.driver()).moveToElement(charts.get(0)).pause(Duration.ofMillis(150)).perform();
        return true;
    }

    @SuppressWarnings("unchecked")
    private List<String> problems() {
        List<String> out = new ArrayList<>();
        Object violations = ((JavascriptExecutor) browser.driver()).executeScript("return window.__csp || [];");
        if (violations instanceof List<?> list) list.forEach(v -> out.add("CSP " + v));
        for (String error : browser.consoleErrors()) {
            // a page answering 4xx on purpose logs its status; only scripts and policies count here
            if (error.contains("the server responded with a status of")) continue;
            out.add("console " + error);
        }
        return out;
    }
}
