package org.innoladder.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.innoladder.identity.DemoAccounts;
import org.innoladder.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/** The import page in a browser: a large upload shows its progress with a cancel button, and cancelling ends it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ImportBrowserTest {
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    private Browser browser;

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    @Test
    void aBureauOfficerCancelsARunningImportFromItsPage() throws Exception {
        browser = Browser.start(port);
        ImportFiles.regions(jdbc);
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES ('cancel-wujin', ?, '武进区科技局', 'BUREAU', '320412')"
                + " ON CONFLICT (username) DO NOTHING")
                .param(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DemoAccounts.PASSWORD)).update();
        Path file = dir.resolve("大文件.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("credit_code,name,region_code,founded_on,year,employees\n");
            for (int i = 0; i < 300_000; i++) w.write(ImportFiles.newCode() + ",常州浏览器取消" + i + "有限公司,320412100,2012-03-01,2024,50\n");
        }

        browser.signIn("cancel-wujin");
        browser.open("/imports");
        browser.driver().findElement(By.id("import-file")).sendKeys(file.toString());
        browser.driver().findElement(By.id("import-submit")).click();
        var wait = browser.waiting(Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/imports/jobs/"));
        // the progress fragment is replaced every second: find the button afresh until the click lands
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.id("import-cancel")).click();
            return true;
        });

        String status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-status"))).getText();
        assertThat(status).isEqualTo("已取消");
        assertThat(browser.driver().findElements(By.id("import-gone"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("import-message")).getText()).contains("cancel-wujin 取消，未写入任何数据");
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE name LIKE '常州浏览器取消%'").query(Long.class).single()).isZero();
    }
}
