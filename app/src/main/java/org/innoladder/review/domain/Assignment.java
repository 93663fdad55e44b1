package org.innoladder.review.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes a panel: the experts whose fields match the case's, free of conflicts, available and below their
 * workload limit, most matching fields first, then the lightest workload, then the lower id (so a proposal is
 * reproducible). Every expert who matches a field but is left out is listed with each reason; experts matching no
 * field are only counted. An officer confirms the proposal; nothing here assigns.
 */
public final class Assignment {

    private Assignment() {
    }

    /** An expert as the proposal sees one: fields, ties for the conflict rules, availability and open assignments. */
    public record Candidate(long id, String name, Set<String> fields, Conflicts.ExpertTies ties, boolean available,
                            int workload, int maxWorkload) {
        public Candidate {
            fields = Set.copyOf(fields);
        }
    }

    /** A case to staff: its applicant and the fields its subject belongs to. */
    public record Case(long id, Conflicts.Applicant applicant, Set<String> fields) {
        public Case {
            fields = Set.copyOf(fields);
        }
    }

    public enum Exclusion {
        CONFLICT, UNAVAILABLE, WORKLOAD_FULL
    }

    public record Proposed(long expertId, String name, int matchingFields, int workload, Why why) {
    }

    public record Excluded(long expertId, String name, Exclusion kind, List<Conflicts.Conflict> conflicts, Why why) {
    }

    /** {@code shortBy} > 0 when fewer than the panel size could be proposed; {@code shortage} says so in words. */
    public record Proposal(long caseId, List<Proposed> proposed, List<Excluded> excluded, int unmatched, int shortBy,
                           Why shortage) {
    }

    private static final Comparator<Scored> ORDER = Comparator.comparingInt(Scored::matches).reversed()
            .thenComparingInt(Scored::workload).thenComparingLong(s -> s.candidate().id());

    private record Scored(Candidate candidate, int matches, int workload) {
    }

    /** One case's proposal of {@code panelSize} experts. */
    public static Proposal propose(Case c, List<Candidate> experts, int panelSize) {
        return proposeAll(List.of(c), experts, panelSize).get(0);
    }

    /**
     * Proposals for many cases in order; each proposal adds to its experts' workload before the next case is
     * staffed, so a batch spreads over the pool instead of loading the same few experts.
     */
    public static List<Proposal> proposeAll(List<Case> cases, List<Candidate> experts, int panelSize) {
        if (panelSize < 1) throw new IllegalArgumentException("panel size must be at least 1: " + panelSize);
        Map<String, List<Candidate>> byField = new HashMap<>();
        for (Candidate e : experts) {
            for (String f : e.fields()) byField.computeIfAbsent(f, k -> new ArrayList<>()).add(e);
        }
        Map<Long, Integer> added = new HashMap<>();
        List<Proposal> out = new ArrayList<>(cases.size());
        for (Case c : cases) {
            // keyed by id: a record's hash would walk its fields and ties for every lookup
            Map<Long, Candidate> byId = new LinkedHashMap<>();
            for (String f : c.fields()) for (Candidate e : byField.getOrDefault(f, List.of())) byId.putIfAbsent(e.id(), e);
            java.util.Collection<Candidate> matching = byId.values();
            List<Scored> eligible = new ArrayList<>();
            List<Excluded> excluded = new ArrayList<>();
            for (Candidate e : matching) {
                int workload = e.workload() + added.getOrDefault(e.id(), 0);
                List<Conflicts.Conflict> conflicts = Conflicts.of(e.ties(), c.applicant());
                if (!conflicts.isEmpty()) {
                    excluded.add(new Excluded(e.id(), e.name(), Exclusion.CONFLICT, conflicts, joined(conflicts)));
                } else if (!e.available()) {
                    excluded.add(new Excluded(e.id(), e.name(), Exclusion.UNAVAILABLE, List.of(),
                            new Why("专家当前不可参加评审", "the expert is not available")));
                } else if (workload >= e.maxWorkload()) {
                    excluded.add(new Excluded(e.id(), e.name(), Exclusion.WORKLOAD_FULL, List.of(),
                            new Why("在审任务已达上限（" + workload + "/" + e.maxWorkload() + "）",
                                    "workload at its limit (" + workload + "/" + e.maxWorkload() + ")")));
                } else {
                    eligible.add(new Scored(e, matchCount(e.fields(), c.fields()), workload));
                }
            }
            eligible.sort(ORDER);
            List<Proposed> proposed = new ArrayList<>();
            for (Scored s : eligible.subList(0, Math.min(panelSize, eligible.size()))) {
                proposed.add(new Proposed(s.candidate().id(), s.candidate().name(), s.matches(), s.workload(), new Why(
                        "匹配 " + s.matches() + " 个领域，在审任务 " + s.workload() + " 项",
                        s.matches() + " matching field(s), " + s.workload() + " open assignment(s)")));
                added.merge(s.candidate().id(), 1, Integer::sum);
            }
            int shortBy = panelSize - proposed.size();
            Why shortage = shortBy == 0 ? null : new Why(
                    "符合条件的专家不足：需要 " + panelSize + " 名，仅有 " + proposed.size() + " 名",
                    "too few eligible experts: " + panelSize + " needed, " + proposed.size() + " found");
            out.add(new Proposal(c.id(), List.copyOf(proposed), List.copyOf(excluded), experts.size() - matching.size(),
                    shortBy, shortage));
        }
        return out;
    }

    static int matchCount(Set<String> a, Set<String> b) {
        int n = 0;
        for (String f : a) if (b.contains(f)) n++;
        return n;
    }

    private static Why joined(List<Conflicts.Conflict> conflicts) {
        return new Why(String.join("；", conflicts.stream().map(c -> c.why().zh()).toList()),
                String.join("; ", conflicts.stream().map(c -> c.why().en()).toList()));
    }
}
