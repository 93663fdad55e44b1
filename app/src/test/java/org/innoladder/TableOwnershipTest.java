package org.innoladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each capability owns its tables: every INSERT, UPDATE, DELETE, TRUNCATE or COPY in the application's SQL (its string
 * literals and text blocks) names a table of the module whose code it is in. The one known exception is listed here
 * and in docs/modules.md: the importer still merges its staged rows into the enterprise module's tables. Backup and
 * restore (module {@code db}) copy every table by name from the catalogue, not from literals, and are not concerned.
 */
class TableOwnershipTest {
    static final Map<String, Set<String>> OWNED = Map.ofEntries(
            Map.entry("region", Set.of("region")),
            Map.entry("identity", Set.of("app_user", "role", "bank")),
            Map.entry("credit", Set.of("bank_authorisation", "credit_product", "loan", "loan_event", "bank_report",
                    "bank_api_token", "risk_pool", "risk_pool_funding", "compensation_claim", "claim_recovery",
                    "white_list_rule", "white_list", "white_list_entry", "white_list_recommend")),
            Map.entry("audit", Set.of("audit_log")),
            Map.entry("enterprise", Set.of("enterprise", "enterprise_year", "recognition")),
            Map.entry("importer", Set.of("import_batch", "import_rejection", "import_stage", "import_recognition_stage",
                    "import_enterprise", "import_enterprise_changed", "import_merged", "import_year_sources")),
            Map.entry("evaluation", Set.of("evaluation_run", "evaluation_result", "evaluation_stage", "compact_detail")),
            Map.entry("points", Set.of("points_run", "enterprise_points", "points_summary", "points_summary_stale")),
            Map.entry("ladder", Set.of("ladder_standing", "ladder_pool", "ladder_count", "ladder_refresh", "ladder_ev",
                    "ladder_target", "ladder_transition", "ladder_department", "ladder_department_target", "town_assignment", "town_visit", "enterprise_plan", "plan_action")),
            Map.entry("policy", Set.of("policy", "policy_version", "policy_match_run", "policy_match", "policy_match_keep")),
            Map.entry("award", Set.of("award_case", "award_case_event", "award_material", "award_objection", "award_budget")),
            Map.entry("review", Set.of("review_expert", "review_expert_conflict", "review_expert_coapplication", "review_case",
                    "review_assignment", "review_score", "review_event", "hnte_dossier", "hnte_dossier_event", "hnte_expert_fact")),
            Map.entry("challenge", Set.of("challenge", "challenge_application", "challenge_event", "challenge_milestone",
                    "challenge_objection", "challenge_solver")),
            Map.entry("resources", Set.of("resource_import", "rd_platform", "carrier", "carrier_tenant", "tech_contract", "tech_contract_summary", "talent_award")),
            Map.entry("investment", Set.of("investment_import", "investment_project", "investment_event")),
            Map.entry("db", Set.of("event_publication")),
            Map.entry("jobs", Set.of("job", "scheduled_tasks")));

    /** Writes into another module's table that are known and documented (docs/modules.md), as "module -> table". */
    static final Set<String> KNOWN = Set.of("importer -> enterprise", "importer -> enterprise_year", "importer -> recognition",
            "identity -> bank_authorisation");

    static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\])*)\"", Pattern.DOTALL);
    static final Pattern WRITE = Pattern.compile(
            "\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE|COPY)\\s+([a-z_][a-z0-9_]*)");

    /** Words that follow COPY or TRUNCATE in messages ("COPY to staging", "refuses TRUNCATE and"). */
    static final Set<String> PROSE = Set.of("and", "to", "from", "of", "the");

    @Test
    void everyWriteNamesATableOfItsOwnModule() throws IOException {
        Path root = Path.of("src/main/java/org/innoladder");
        Map<String, String> owner = new TreeMap<>();
        OWNED.forEach((module, tables) -> tables.forEach(t -> owner.put(t, module)));
        Set<String> crossing = new TreeSet<>();
        Set<String> unknownTables = new TreeSet<>();
        int writes = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String module = root.relativize(f).getName(0).toString();
                Matcher literal = LITERAL.matcher(Files.readString(f));
                while (literal.find()) {
                    String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                    Matcher w = WRITE.matcher(text);
                    while (w.find()) {
                        String table = w.group(1);
                        if (PROSE.contains(table)) continue; // a log or error message, not SQL
                        writes++;
                        String tableOwner = owner.get(table);
                        if (tableOwner == null) unknownTables.add(table + " (" + root.relativize(f) + ")");
                        else if (!tableOwner.equals(module)) crossing.add(module + " -> " + table);
                    }
                }
            }
        }
        assertThat(writes).as("the scan finds the application's writes").isGreaterThan(50);
        assertThat(unknownTables).as("tables written that no module owns (add them to OWNED)").isEmpty();
        assertThat(crossing).as("writes into another module's table").isEqualTo(KNOWN);
    }
}
