package org.innoladder.ladder.web;

import org.innoladder.ladder.TierDecision;
import org.innoladder.rules.ladder.Tier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.innoladder.evaluation.RulesetSection;
import org.innoladder.evaluation.StoredResult;
import org.innoladder.rules.Label;
import org.innoladder.rules.RulesetText;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Unit;
import org.springframework.context.MessageSource;

/**
 * The top of the enterprise file page (一企一档) in sentences: the tiers it holds, the tiers its latest evaluation says
 * it qualifies for, and the one or two gaps that matter most on the way up; below it one section per ruleset, open
 * only where the outcome changed or the enterprise is near that tier.
 *
 * @param year      the latest evaluated year the summary speaks of, or null when nothing was evaluated
 * @param summary   the sentences, in order
 */
public record FileOverview(Integer year, List<String> summary, List<RulesetSection> sections) {

    static final int MAX_GAP_LINES = 2;

    /** Ruleset ids in ladder order: the growth ladder first, then MIIT's. */
    static List<String> rulesetOrder() {
        return Arrays.stream(Tier.values()).map(Tier::rulesetId).flatMap(Optional::stream).toList();
    }

    static FileOverview of(List<TierDecision.Standing> standings, List<StoredResult> results, List<RulesetSection> sections,
                           MessageSource messages, Locale locale) {
        if (standings.isEmpty()) {
            return new FileOverview(null, results.isEmpty() ? List.of(messages.getMessage("overview.none", null, locale)) : List.of(),
                    sections);
        }
        TierDecision.Standing s = standings.get(0);
        int y = s.year();
        boolean en = locale != null && "en".equals(locale.getLanguage());
        List<String> lines = new ArrayList<>();
        // what it holds
        List<String> held = new ArrayList<>();
        for (TierDecision.Official o : s.official().values()) {
            String name = name(o.tier(), en);
            held.add(o.recognition().expiresOn() == null ? name
                    : messages.getMessage("overview.heldUntil", new Object[]{name, o.recognition().expiresOn().toString()}, locale));
        }
        lines.add(held.isEmpty() ? messages.getMessage("overview.holdsNone", new Object[]{String.valueOf(y)}, locale)
                : messages.getMessage("overview.holds", new Object[]{String.valueOf(y), join(held, en)}, locale));
        // what it qualifies for beyond what it holds
        List<String> above = new ArrayList<>();
        for (TierDecision.Eligible e : s.eligible().values()) {
            Optional<Tier> official = s.officialTier(e.tier().ladder());
            if (official.isEmpty() || e.tier().rank() > official.get().rank()) above.add(name(e.tier(), en));
        }
        lines.add(above.isEmpty() ? messages.getMessage("overview.qualifiesNothingNew", new Object[]{String.valueOf(y)}, locale)
                : messages.getMessage("overview.qualifies", new Object[]{String.valueOf(y), join(above, en)}, locale));
        // the next rung of each ladder, and what stands in its way
        List<String> gaps = new ArrayList<>();
        for (Tier.Ladder ladder : Tier.Ladder.values()) {
            int standing = Math.max(s.officialTier(ladder).map(Tier::rank).orElse(0), s.eligibleTier(ladder).map(Tier::rank).orElse(0));
            Optional<Tier> next = Tier.of(ladder).stream().filter(t -> t.rank() > standing && t.rulesetId().isPresent()).findFirst();
            if (next.isEmpty()) continue;
            Tier t = next.get();
            Optional<StoredResult> r = results.stream().filter(x -> x.year() == y && x.ruleset().equals(t.rulesetId().get()))
                    .findFirst();
            if (r.isEmpty()) continue;
            whatStandsInTheWay(t, r.get(), s.pool(t), messages, locale).ifPresent(gaps::add);
            if (gaps.size() >= MAX_GAP_LINES) break;
        }
        lines.addAll(gaps);
        return new FileOverview(y, List.copyOf(lines), sections);
    }

    private static Optional<String> whatStandsInTheWay(Tier t, StoredResult r, Optional<TierDecision.Membership> pool,
                                                      MessageSource messages, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        String ref = r.ruleset() + "@" + r.version();
        RulesetText text = Rulesets.text(ref).orElse(null);
        String tier = name(t, en);
        if (pool.isPresent() && pool.get().reason() == TierDecision.Reason.NEAR) {
            String gaps = pool.get().gaps().stream().sorted(Comparator.comparingDouble(TierDecision.Gap::relative)).limit(2)
                    .map(g -> g.sentence(locale)).collect(Collectors.joining(en ? "; " : "；"));
            return Optional.of(messages.getMessage("overview.near", new Object[]{tier, gaps}, locale));
        }
        if (r.outcome().equals("UNDETERMINED")) {
            for (StoredResult.Criterion c : r.criteria()) {
                if (!c.status().equals("UNKNOWN") || text == null) continue;
                Unit unit = text.criterion(c.id()).map(RulesetText.CriterionText::unit).orElse(Unit.NONE);
                if (unit == Unit.POINTS && c.value() != null && c.value().matches("\\d+-\\d+")) {
                    String[] range = c.value().split("-");
                    return Optional.of(messages.getMessage("overview.needsExperts",
                            new Object[]{tier, range[0], range[1], c.threshold()}, locale));
                }
            }
            List<String> missing = r.criteria().stream().filter(c -> c.status().equals("UNKNOWN"))
                    .map(c -> label(text, c.id(), locale)).limit(3).toList();
            return Optional.of(messages.getMessage("overview.needsData", new Object[]{tier, join(missing, en)}, locale));
        }
        if (r.outcome().equals("NOT_QUALIFIED")) {
            Set<String> failed = new HashSet<>();
            List<String> labels = new ArrayList<>();
            for (StoredResult.Criterion c : r.criteria()) {
                if (!c.status().equals("FAIL")) continue;
                failed.add(c.id());
                if (labels.size() < 2) labels.add(label(text, c.id(), locale));
            }
            Optional<String> firstGap = r.gaps().stream().findFirst().map(g -> g.substring(g.indexOf('：') + 1));
            return Optional.of(firstGap.isPresent()
                    ? messages.getMessage("overview.notYetWithGap", new Object[]{tier, join(labels, en), firstGap.get()}, locale)
                    : messages.getMessage("overview.notYet", new Object[]{tier, join(labels, en)}, locale));
        }
        return Optional.empty();
    }

    private static String label(RulesetText text, String id, Locale locale) {
        return text == null ? id : text.criterion(id).map(c -> c.label().in(locale)).orElse(id);
    }

    static String name(Tier t, boolean en) {
        return new Label(t.nameZh(), t.nameEn()).in(en);
    }

    private static String join(List<String> parts, boolean en) {
        return String.join(en ? ", " : "、", parts);
    }
}
