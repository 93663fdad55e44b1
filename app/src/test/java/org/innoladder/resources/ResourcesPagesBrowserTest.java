package org.innoladder.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innoladder.web.DemoPagesBrowserTest;
import org.innoladder.web.PageAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The 科创资源 pages in a real browser over the demo data (the demo-pages context): each registry's list, a platform and
 * a carrier, for a city bureau and a town officer, in Chinese and English, at 1366 px and as a 390 px phone — no
 * engineer's identifier, unfilled placeholder, figure without unit, sideways scrolling, serious axe-core violation or
 * script error ({@link PageAudit}), and every list shows demo figures; a bureau edits a platform on its page (a bad year
 * named on the form, then saved). Screenshots go to target/screenshots/resources.
 */
class ResourcesPagesBrowserTest extends DemoPagesBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots", "resources");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bureau", "town"})
    void theRegistryPagesSpeakTheReadersLanguage(String role) {
        List<String> pages = new ArrayList<>(List.of("/resources/platforms", "/resources/carriers", "/resources/contracts",
                "/resources/talents"));
        if (role.equals("bureau")) {
            pages.add("/resources/platforms/" + jdbc.sql("SELECT min(id) FROM rd_platform").query(Long.class).single());
            pages.add("/resources/carriers/" + jdbc.sql("SELECT min(id) FROM carrier").query(Long.class).single());
        }
        List<String> problems = walk(role, pages, SHOTS, (page, lang, where) -> {
            if (role.equals("bureau") && page.matches("/resources/[a-z]+")) {
                // the city's lists are filled from the demo data: /resources/platforms → #platform-list
                String list = "#" + page.substring("/resources/".length(), page.length() - 1) + "-list tbody tr";
                assertThat(driver.findElements(By.cssSelector(list))).as(where + list).isNotEmpty();
            }
        });
        assertThat(problems).as("what a user would stumble on, as " + role).isEmpty();
    }

    /** A bureau corrects a platform's recognition document in the browser: a bad year is named on the form, then it saves. */
    @Test
    void aBureauEditsAPlatformOnItsPage() {
        PageAudit.viewport(driver, 1366, 900);
        browser.signIn("bureau");
        Map<String, Object> p = jdbc.sql("SELECT id, document, recognised_year FROM rd_platform ORDER BY id LIMIT 1").query().singleRow();
        long id = ((Number) p.get("id")).longValue();
        String document = "苏科技〔2024〕" + (100 + id % 800) + "号";
        browser.open("/resources/platforms/" + id + "?lang=zh-CN");
        type("#platform-form input[name=document]", document);
        type("#platform-form input[name=year]", "二〇二四");
        driver.findElement(By.id("platform-submit")).click();
        browser.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("platform-error")).isEmpty());
        assertThat(driver.findElement(By.id("platform-error")).getText()).contains("认定年度", "二〇二四");
        assertThat(driver.findElement(By.cssSelector("#platform-form input[name=year]")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.cssSelector("#platform-form input[name=document]")).getAttribute("value")).isEqualTo(document);
        type("#platform-form input[name=year]", String.valueOf(p.get("recognised_year")));
        driver.findElement(By.id("platform-submit")).click();
        browser.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("platform-saved")).isEmpty());
        assertThat(jdbc.sql("SELECT document FROM rd_platform WHERE id = ?").param(id).query(String.class).single()).isEqualTo(document);
        assertThat(PageAudit.words(driver)).isEmpty();
        PageAudit.screenshot(driver, SHOTS.resolve("bureau").resolve("platform-edited.jpg"));
        browser.signOut();
    }

    private void type(String css, String text) {
        WebElement field = driver.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(text);
    }
}
