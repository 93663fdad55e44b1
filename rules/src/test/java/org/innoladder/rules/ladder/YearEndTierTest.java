package org.innoladder.rules.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class YearEndTierTest {
    record Rec(Tier tier, LocalDate issued, LocalDate expires) {
    }

    static Map<Tier.Ladder, Tier> official(int year, Rec... recs) {
        return YearEndTier.official(List.of(recs), year, r -> Optional.of(r.tier()), Rec::issued, Rec::expires);
    }

    @Test
    void aRecognitionCountsWhenItIsInForceOnThe31stOfDecember() {
        assertThat(YearEndTier.validAtYearEnd(LocalDate.of(2024, 12, 31), null, 2024)).isTrue();
        assertThat(YearEndTier.validAtYearEnd(LocalDate.of(2025, 1, 1), null, 2024)).isFalse();
        assertThat(YearEndTier.validAtYearEnd(LocalDate.of(2021, 3, 1), LocalDate.of(2024, 12, 31), 2024)).isTrue();
        assertThat(YearEndTier.validAtYearEnd(LocalDate.of(2021, 3, 1), LocalDate.of(2024, 12, 30), 2024)).isFalse();
        assertThat(YearEndTier.lapsedIn(LocalDate.of(2021, 3, 1), LocalDate.of(2024, 12, 30), 2024)).isTrue();
        assertThat(YearEndTier.lapsedIn(LocalDate.of(2021, 3, 1), LocalDate.of(2024, 12, 31), 2024)).isFalse();
        assertThat(YearEndTier.lapsedIn(LocalDate.of(2021, 3, 1), LocalDate.of(2023, 6, 30), 2024)).isFalse();
    }

    @Test
    void theHighestTierInForceWinsOnEachLadder() {
        Map<Tier.Ladder, Tier> o = official(2024,
                new Rec(Tier.TSME, LocalDate.of(2024, 5, 1), LocalDate.of(2025, 5, 1)),
                new Rec(Tier.GAZELLE, LocalDate.of(2022, 1, 1), LocalDate.of(2024, 10, 1)),
                new Rec(Tier.HNTE, LocalDate.of(2023, 1, 1), null),
                new Rec(Tier.INNOVATIVE_SME, LocalDate.of(2024, 2, 1), null),
                new Rec(Tier.LITTLE_GIANT, LocalDate.of(2025, 2, 1), null));
        assertThat(o).containsEntry(Tier.Ladder.GROWTH, Tier.HNTE).containsEntry(Tier.Ladder.MIIT, Tier.INNOVATIVE_SME);
        assertThat(official(2020, new Rec(Tier.HNTE, LocalDate.of(2023, 1, 1), null))).isEmpty();
    }

    @Test
    void everyTierHasItsLabelsAndIsReadFromEverySpellingAFileMayUse() {
        for (Tier t : Tier.values()) {
            assertThat(t.label(Locale.CHINESE)).isNotBlank();
            assertThat(t.label(Locale.ENGLISH)).isNotBlank().isNotEqualTo(t.label(Locale.CHINESE));
            assertThat(t.recognitionLabel(Locale.CHINESE)).isNotBlank();
            assertThat(Tier.fromText(t.name().toLowerCase(Locale.ROOT))).isEqualTo(t);
            assertThat(Tier.fromText(t.label(Locale.CHINESE))).isEqualTo(t);
            assertThat(Tier.fromText(t.recognitionLabel(Locale.CHINESE))).isEqualTo(t);
        }
        assertThat(Tier.fromText("专精特新小巨人")).isEqualTo(Tier.LITTLE_GIANT);
        assertThat(Tier.fromText("种子独角兽企业")).isEqualTo(Tier.SEED_UNICORN);
        assertThat(Tier.fromText("独角兽")).isEqualTo(Tier.UNICORN);
        assertThat(Tier.fromText("no such kind")).isNull();
        assertThat(Tier.HNTE.label(Locale.forLanguageTag("zh-CN"))).isEqualTo("高新技术企业");
    }
}
