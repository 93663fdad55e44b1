package org.innoladder.investment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.web.DemoPagesBrowserTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * The 科技招商 pages and the town ranking in a real browser over the demo data (the demo-pages context): the list, two
 * projects (one landed, one still a lead with its steps), the ranking of the demo city's towns and the targets page with
 * its department targets, for a city bureau and a town officer, in Chinese and English, at 1366 px
 * and as a 390 px phone — nothing a user would stumble on ({@link org.innoladder.web.PageAudit}), and the bureau's list and stage counts
 * show the demo projects. Screenshots go to target/screenshots/investment.
 */
class InvestmentPagesBrowserTest extends DemoPagesBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots", "investment");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bureau", "town"})
    void theInvestmentPagesSpeakTheReadersLanguage(String role) {
        List<String> pages = new ArrayList<>(List.of("/investment"));
        if (role.equals("bureau")) {
            pages.add("/investment/" + jdbc.sql("SELECT min(id) FROM investment_project WHERE status = 'LANDED'").query(Long.class).single());
            pages.add("/investment/" + jdbc.sql("SELECT min(id) FROM investment_project WHERE status = 'LEAD'").query(Long.class).single());
            pages.add("/assessment/towns");
            pages.add("/assessment/towns?town=" + jdbc.sql("SELECT min(region_code) FROM ladder_target WHERE length(region_code) = 9")
                    .query(String.class).single() + "&");
            pages.add("/ladder/targets?year=2024&");
        }
        List<String> problems = walk(role, pages, SHOTS, (page, lang, where) -> {
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
            if (page.startsWith("/ladder/targets")) {
                // the demo's departments of the city have targets of the demo's last year with their progress
                assertThat(driver.findElements(By.cssSelector("#department-targets tbody tr[id^=department-target-]"))).as(where).isNotEmpty();
            }
            if (role.equals("bureau") && page.equals(pages.get(2))) {
                assertThat(driver.findElements(By.id("act-NEGOTIATE"))).as(where + "a lead offers its next step").hasSize(1);
            }
        });
        assertThat(problems).as("what a user would stumble on, as " + role).isEmpty();
    }
}
