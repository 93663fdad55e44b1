package org.innoladder.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInLoadTest {
    @Test
    void builtInRulesetsLoadWithTheRequiredCriteria() {
        assertThat(Rulesets.list()).extracting(RulesetInfo::ref).containsExactly("gazelle@jinan-2016",
                "gazelle@yancheng-2022", "hnte@2016", "innovative_sme@2022", "little_giant@2026", "potential_unicorn@jiangsu-2025",
                "seed_unicorn@changzhou-2024", "specialised_sme@2026", "tsme@2017", "unicorn@jiangsu-2025");
        assertThat(Rulesets.get("tsme").criterionIds()).containsExactly("resident", "size_employees", "size_revenue",
                "size_assets", "no_major_incident", "no_bad_credit", "tech_staff_nonzero", "score_pass",
                "direct_hnte", "direct_award", "direct_rd_institution", "direct_standard");
        assertThat(Rulesets.get("hnte@2016").criterionIds()).containsExactly("registered_365_days", "core_ip",
                "hightech_domain", "tech_staff_ratio", "rd_expense_ratio", "domestic_rd_share",
                "hightech_income_ratio", "innovation_score", "no_major_incident");
        assertThat(Rulesets.get("tsme").itemIds()).containsExactly("tech_staff", "rd_input", "ip");
        assertThat(Rulesets.get("hnte").itemIds()).containsExactly("ip", "conversion", "rd_management", "growth");
    }

    @Test
    void openPointsAreMarkedAsProjectDefaults() {
        assertThat(Rulesets.get("hnte").parameters()).filteredOn(ParameterInfo::projectDefault)
                .extracting(ParameterInfo::name)
                .containsExactlyInAnyOrder("young_growth_actual_period", "young_conversion_actual_period");
        assertThat(Rulesets.get("hnte").parameters()).allSatisfy(p -> assertThat(p.reference()).isNotBlank());
        assertThat(Rulesets.get("tsme").parameters()).noneMatch(ParameterInfo::projectDefault);
        ParameterInfo bands = Rulesets.get("tsme").parameters().stream().filter(p -> p.name().equals("tech_staff_bands"))
                .findFirst().orElseThrow();
        assertThat((List<?>) bands.values().get(0).value()).first()
                .isEqualTo(new ParameterInfo.Band("≥30%", 0.30, false, 20, 20));
    }

    @Test
    void growthTierRulesetsMarkTheirOpenPointsAndCiteSecondarySources() {
        for (String ref : List.of("gazelle@yancheng-2022", "gazelle@jinan-2016", "unicorn@jiangsu-2025",
                "potential_unicorn@jiangsu-2025", "seed_unicorn@changzhou-2024", "innovative_sme@2022",
                "specialised_sme@2026", "little_giant@2026")) {
            Ruleset rs = Rulesets.get(ref);
            assertThat(rs.parameters()).as(ref).allSatisfy(p -> assertThat(p.reference()).isNotBlank());
            // None of these is an official text the project has read.
            assertThat(rs.info().references()).as(ref).extracting(Reference::trust).doesNotContain("official")
                    .contains("secondary");
            assertThat(rs.info().notes()).as(ref).isNotEmpty();
            assertThat(rs.parameters()).filteredOn(ParameterInfo::projectDefault).as(ref)
                    .allSatisfy(p -> assertThat(p.note()).contains("PROJECT DEFAULT"));
        }
        assertThat(Rulesets.get("seed_unicorn").parameters()).filteredOn(ParameterInfo::projectDefault)
                .extracting(ParameterInfo::name)
                .containsExactlyInAnyOrder("cny_per_usd", "s2_requires_not_listed", "s2_cagr_intervals");
        assertThat(Rulesets.get("unicorn").parameters()).noneMatch(ParameterInfo::projectDefault);
        assertThat(Rulesets.get("gazelle").info().notes()).anyMatch(n -> n.contains("GB/T 41464-2022"));
        assertThat(Rulesets.get("seed_unicorn").info().notes()).anyMatch(n -> n.contains("NOT a national one"));
        // Reading a national R&D institution as exempting like a provincial one is the project's, so it is a default.
        assertThat(Rulesets.get("specialised_sme").parameters()).filteredOn(ParameterInfo::projectDefault)
                .extracting(ParameterInfo::name).containsExactly("exempt_rd_institution_levels");
        assertThat(Rulesets.get("little_giant").parameters()).noneMatch(ParameterInfo::projectDefault);
    }

    @Test
    void regionalVariantsHaveADeclaredDefault() {
        assertThat(Rulesets.defaults()).containsEntry("gazelle", "gazelle@yancheng-2022")
                .containsEntry("unicorn", "unicorn@jiangsu-2025").containsEntry("potential_unicorn", "potential_unicorn@jiangsu-2025");
        assertThat(Rulesets.get("gazelle").info().ref()).isEqualTo("gazelle@yancheng-2022");
        assertThat(Rulesets.get("gazelle@jinan-2016").info().ref()).isEqualTo("gazelle@jinan-2016");
        // Text order would pick whichever region sorts last; every id whose versions are not plain years
        // must therefore name its default in index.txt.
        for (Ruleset r : Rulesets.all()) {
            if (!r.version().matches("\\d{4}")) {
                assertThat(Rulesets.defaults()).as(r.info().ref()).containsKey(r.id());
            }
        }
        assertThat(Rulesets.files()).noneMatch(f -> f.startsWith("default"));
    }

    @Test
    void latestVersionIsTheDefaultAndUnknownRefsAreRejected() {
        assertThat(Rulesets.get("tsme").info().ref()).isEqualTo("tsme@2017");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rulesets.get("tsme@1999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tsme@1999");
    }
}
