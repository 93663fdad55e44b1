package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.innoladder.review.domain.ScoringForm;
import org.innoladder.review.internal.ScoringForms;
import org.junit.jupiter.api.Test;

/** The forms as data: the HNTE form against ../shared/standards/README.md §1.2, the panel's facts by hand, refusals. */
class ScoringFormsTest {
    static final ScoringForms FORMS = forms();

    static ScoringForms forms() {
        try {
            return new ScoringForms();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    final ScoringForm hnte = FORMS.get(ScoringForms.HNTE);

    @Test
    void theHnteFormReproducesTheGuidesExpertItemsAndBands() {
        assertThat(hnte.criteria()).extracting(ScoringForm.Criterion::id).containsExactly("tech_advancement", "core_support",
                "standards_bonus", "rd_system", "rd_institution", "rd_conversion", "rd_talent");
        assertThat(hnte.criteria()).allSatisfy(c -> {
            assertThat(c.reference()).startsWith("国科发火〔2016〕195号");
            assertThat(c.trust()).isEqualTo("official");
        });
        // technical advancement and core support: ≤ 8, A 7–8, B 5–6, C 3–4, D 1–2, E 0
        for (String id : List.of("tech_advancement", "core_support")) {
            ScoringForm.Criterion c = hnte.criterion(id);
            assertThat(c.max()).isEqualTo(8);
            assertThat(c.bands()).extracting(b -> b.grade() + b.min() + "-" + b.max()).containsExactly("A7-8", "B5-6", "C3-4", "D1-2", "E0-0");
            assertThat(c.band(6).grade()).isEqualTo("B");
        }
        assertThat(hnte.criterion("standards_bonus").max()).isEqualTo(2);
        // R&D management: four sub-items 6 + 6 + 4 + 4 = the Guide's 20 points, all one fact
        assertThat(hnte.criteria().stream().filter(c -> "hnte_rd_management".equals(c.fact())).mapToInt(ScoringForm.Criterion::max).sum())
                .isEqualTo(20);
        assertThat(hnte.computed()).extracting(ScoringForm.ComputedItem::id, ScoringForm.ComputedItem::max)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ip_count", 8), org.assertj.core.groups.Tuple.tuple("ip_way", 6),
                        org.assertj.core.groups.Tuple.tuple("conversion", 30), org.assertj.core.groups.Tuple.tuple("growth", 20));
        assertThat(hnte.threshold()).as("the ruleset decides HNTE, not the form").isNull();
        assertThat(hnte.notes()).anyMatch(n -> n.contains("[open]") && n.contains("rounded"));
        assertThat(hnte.maxTotal()).isEqualTo(38);
        assertThat(FORMS.get(ScoringForms.CHALLENGE).criteria()).allSatisfy(c -> assertThat(c.trust()).isEqualTo("open"));
    }

    /**
     * Three sheets (in the order tech, core, bonus, system, institution, conversion, talent):
     * 7 6 1 5 4 3 3 | 6 6 2 4 5 3 2 | 6 5 0 5 4 2 3.
     * tech 19/3 = 6.33 → 6; core 17/3 = 5.67 → 6; bonus 3/3 = 1; R&D 14/3 + 13/3 + 8/3 + 8/3 = 43/3 = 14.33 → 14.
     * Totals 29, 28, 25.
     */
    @Test
    void thePanelsFactsAreTheItemMeansRoundedHalfUp() {
        List<Map<String, Integer>> sheets = List.of(sheet(7, 6, 1, 5, 4, 3, 3), sheet(6, 6, 2, 4, 5, 3, 2), sheet(6, 5, 0, 5, 4, 2, 3));
        assertThat(hnte.factValues(sheets)).containsExactly(Map.entry("hnte_tech_advancement", 6), Map.entry("hnte_core_support", 6),
                Map.entry("hnte_standards_bonus", 1), Map.entry("hnte_rd_management", 14));
        assertThat(sheets.stream().map(hnte::total).toList()).containsExactly(new BigDecimal("29.00"), new BigDecimal("28.00"),
                new BigDecimal("25.00"));
        // 7 and 6: 6.5 rounds half up to 7
        assertThat(hnte.factValues(List.of(sheet(7, 0, 0, 0, 0, 0, 0), sheet(6, 0, 0, 0, 0, 0, 0))).get("hnte_tech_advancement")).isEqualTo(7);
    }

    @Test
    void aSheetIsCheckedItemByItem() {
        Map<String, Integer> scores = new java.util.HashMap<>(sheet(9, 6, 1, 5, 4, 3, 3));
        scores.remove("rd_talent");
        scores.put("beauty", 3);
        List<ScoringForm.Problem> problems = hnte.validate(scores, Map.of("core_support", "核心专利支撑主营产品"));
        assertThat(problems).extracting(ScoringForm.Problem::criterion).containsExactlyInAnyOrder("beauty", "tech_advancement",
                "tech_advancement", "rd_talent", "rd_talent", "rd_system", "rd_institution", "rd_conversion");
        assertThat(problems).filteredOn(p -> p.value().equals("9")).singleElement()
                .satisfies(p -> assertThat(p.rule().zh()).isEqualTo("“技术的先进程度”的分值须在 0–8 分之间"));
    }

    @Test
    void aFormWithoutCitationOrWithABandOutOfRangeIsRefused() {
        String good = """
                id: t
                label: {zh: 测试, en: test}
                reference: 测试文件
                panel_size: 3
                min_panel: 2
                criteria:
                  - {id: a, label: {zh: 甲, en: A}, max: 5, reference: 第一条, trust: official, bands: [{grade: A, min: 4, max: 5, zh: 高, en: high}]}
                """;
        assertThat(read(good).criteria()).hasSize(1);
        assertThatThrownBy(() -> read(good.replace("max: 5, reference", "max: 4, reference"))).hasMessage("t.yaml: criteria.a.bands: band A [4, 5] lies outside 0–4");
        assertThatThrownBy(() -> read(good.replace("reference: 第一条, ", ""))).hasMessage("t.yaml: reference: missing");
        assertThatThrownBy(() -> read(good.replace("trust: official", "trust: likely"))).hasMessageContaining("criteria.a.trust");
        assertThatThrownBy(() -> read(good.replace("min_panel: 2", "min_panel: 4"))).hasMessageContaining("min_panel");
    }

    static ScoringForm read(String yaml) {
        return ScoringForms.read("t.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, Integer> sheet(int tech, int core, int bonus, int system, int institution, int conversion, int talent) {
        return Map.of("tech_advancement", tech, "core_support", core, "standards_bonus", bonus, "rd_system", system,
                "rd_institution", institution, "rd_conversion", conversion, "rd_talent", talent);
    }
}
