package org.innoladder.resources;

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
 * The 科创资源 pages in a real browser over the demo data (the demo-pages context): each registry's list, a platform and
 * a carrier, for a city bureau and a town officer, in Chinese and English, at 1366 px and as a 390 px phone — no
 * engineer's identifier, unfilled placeholder, figure without unit, sideways scrolling, serious axe-core violation or
 * script error ({@link PageAudit}), and every list shows demo figures. Screenshots go to target/screenshots/resources.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourcesPagesBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots", "resources");

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
    void theRegistryPagesSpeakTheReadersLanguage(String role) {
        PageAudit.viewport(driver, 1366, 900);
        browser.signIn(role);
        List<String> pages = new ArrayList<>(List.of("/resources/platforms", "/resources/carriers", "/resources/contracts",
                "/resources/talents"));
        if (role.equals("bureau")) {
            pages.add("/resources/platforms/" + jdbc.sql("SELECT min(id) FROM rd_platform").query(Long.class).single());
            pages.add("/resources/carriers/" + jdbc.sql("SELECT min(id) FROM carrier").query(Long.class).single());
        }
        List<String> problems = new ArrayList<>();
        browser.consoleErrors();
        int n = 0;
        for (String page : pages) {
            n++;
            for (String lang : List.of("zh-CN", "en")) {
                PageAudit.viewport(driver, 1366, 900);
                browser.open(page + "?lang=" + lang);
                browser.waiting(Duration.ofSeconds(20)).until(d -> "complete".equals(
                        ((JavascriptExecutor) d).executeScript("return document.readyState")));
                String where = role + " " + lang + " " + page + ": ";
                List<String> found = new ArrayList<>(PageAudit.words(driver));
                if (lang.equals("zh-CN")) found.addAll(PageAudit.accessibility(driver));
                if (role.equals("bureau") && page.matches("/resources/[a-z]+")) {
                    // the city's lists are filled from the demo data: /resources/platforms → #platform-list
                    String list = "#" + page.substring("/resources/".length(), page.length() - 1) + "-list tbody tr";
                    assertThat(driver.findElements(By.cssSelector(list))).as(where + list).isNotEmpty();
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
