package org.innoladder.ladder.web;

import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.TierDecision;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.evaluation.FileResults;
import org.innoladder.evaluation.RulesetSection;
import org.innoladder.evaluation.StoredResult;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.Figures;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Feeds the enterprise file page's summary and its ruleset sections ({@code ladder/fragments :: overview}) for
 * everyone who may open the file, within their scope: an enterprise sees where it stands as a clerk does.
 */
@ControllerAdvice(assignableTypes = EnterpriseFilePage.class)
public class FileOverviewAdvice {
    private final LadderService ladder;
    private final FileResults results;
    private final Figures figures;
    private final MessageSource messages;

    public FileOverviewAdvice(LadderService ladder, FileResults results, Figures figures, MessageSource messages) {
        this.ladder = ladder;
        this.results = results;
        this.figures = figures;
        this.messages = messages;
    }

    @ModelAttribute("overview")
    public FileOverview overview(@PathVariable(name = "creditCode", required = false) String creditCode, CurrentUser user,
                                 Locale locale) {
        if (creditCode == null || user == null) return null;
        String code = creditCode.strip().toUpperCase(Locale.ROOT);
        List<StoredResult> stored = results.forFile(user.scope(), code, locale);
        List<TierDecision.Standing> standings = ladder.standings(user.scope(), code, 1);
        Set<String> near = standings.isEmpty() ? Set.of() : standings.get(0).pools().stream()
                .map(m -> m.tier().rulesetId().orElse("")).collect(Collectors.toSet());
        List<RulesetSection> sections = RulesetSection.of(stored, FileOverview.rulesetOrder(), near, figures, messages, locale);
        return FileOverview.of(standings, stored, sections, messages, locale);
    }
}
