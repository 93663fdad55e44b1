package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bank developers generate their clients from {@code /v3/api-docs}, so the document must be complete: Redocly's
 * recommended lint ({@code redocly lint}, from npm; {@code .ci/run} installs it) reports no error. Skipped, saying so,
 * where the CLI is not installed.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class OpenApiLintTest {
    @Autowired
    MockMvc mvc;

    static boolean redoclyInstalled() {
        try {
            Process p = new ProcessBuilder("redocly", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theApiDocumentPassesRedoclysRecommendedLint() throws Exception {
        Assumptions.assumeTrue(redoclyInstalled(), "redocly CLI not installed (npm install -g @redocly/cli): lint skipped");
        CurrentUser admin = new CurrentUser(0, "lint", "lint", Role.ADMIN, null, null, null);
        String doc = mvc.perform(get("/v3/api-docs").with(user(AppUserDetails.of(admin)))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Path file = Files.createTempFile("innoladder-api-docs", ".json");
        try {
            Files.writeString(file, doc, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("redocly", "lint", "--format=json", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            Map<String, Object> result = JsonMapper.builder().build().readValue(out.substring(out.indexOf('{')),
                    new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> totals = (Map<String, Object>) result.get("totals");
            List<String> errors = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> problems = (List<Map<String, Object>>) result.get("problems");
            for (Map<String, Object> problem : problems) {
                if (!"error".equals(problem.get("severity"))) continue;
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> where = (List<Map<String, Object>>) problem.get("location");
                errors.add(problem.get("ruleId") + " at " + (where.isEmpty() ? "?" : where.get(0).get("pointer")));
            }
            System.out.println("redocly lint of /v3/api-docs: " + totals);
            assertThat(errors).as("redocly lint errors").isEmpty();
            assertThat(((Number) totals.get("errors")).intValue()).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
