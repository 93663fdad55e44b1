package org.innoladder.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.GapSentence;

/** A ruleset's gaps in plain words, in the language of the page ({@link GapSentence}). */
public final class GapText {
    private GapText() {
    }

    /** One gap as a sentence in the language of {@code locale} (Chinese unless English). */
    public static String sentence(Gap g, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        return GapSentence.of(g.lever(), g.current(), g.required(), en);
    }

    /** All gaps in Chinese, "criterion: sentence" joined by "; " (the CSV column). */
    public static String summary(List<Gap> gaps) {
        return gaps.stream().map(g -> g.criterion() + ": " + sentence(g, Locale.CHINESE)).collect(Collectors.joining("; "));
    }
}
