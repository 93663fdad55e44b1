package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.review.domain.Assignment;
import org.innoladder.review.domain.Assignment.Candidate;
import org.innoladder.review.domain.Assignment.Exclusion;
import org.innoladder.review.domain.Assignment.Proposal;
import org.innoladder.review.domain.Conflicts;
import org.junit.jupiter.api.Test;

class AssignmentTest {
    static final String CODE = "91320412MA1XXXXX1A";
    static final Conflicts.ExpertTies FREE = new Conflicts.ExpertTies("常州大学", null, Set.of(), List.of());

    static Candidate expert(long id, Set<String> fields, int workload) {
        return new Candidate(id, "专家" + id, fields, FREE, true, workload, 5);
    }

    static Assignment.Case caseOf(long id, Set<String> fields) {
        return new Assignment.Case(id, new Conflicts.Applicant("星河", "星河科技", CODE, 2026), fields);
    }

    /**
     * Hand-computed: the case is in fields 01 and 04. Expert 1 matches both (workload 3), 2 matches 01 (workload 0),
     * 3 matches 04 (workload 1), 4 matches both (workload 0), 5 matches 01 but declared a conflict, 6 matches 04 but
     * is unavailable, 7 matches 01 at its limit (5/5), 8 matches nothing. Panel of 3: 4 (2 fields, load 0), 1 (2 fields,
     * load 3), 2 (1 field, load 0); 3 loses to 2 on workload.
     */
    @Test
    void proposesByFieldMatchThenWorkloadAndSaysWhyOthersAreOut() {
        List<Candidate> pool = List.of(
                expert(1, Set.of("01", "04"), 3), expert(2, Set.of("01"), 0), expert(3, Set.of("04"), 1),
                expert(4, Set.of("04", "01", "08"), 0),
                new Candidate(5, "专家5", Set.of("01"), new Conflicts.ExpertTies("常州大学", null, Set.of(CODE), List.of()), true, 0, 5),
                new Candidate(6, "专家6", Set.of("04"), FREE, false, 0, 5),
                expert(7, Set.of("01"), 5), expert(8, Set.of("02"), 0));
        Proposal p = Assignment.propose(caseOf(10, Set.of("01", "04")), pool, 3);
        assertThat(p.proposed()).extracting(Assignment.Proposed::expertId).containsExactly(4L, 1L, 2L);
        assertThat(p.proposed().get(0).why().zh()).isEqualTo("匹配 2 个领域，在审任务 0 项");
        assertThat(p.excluded()).extracting(Assignment.Excluded::expertId, Assignment.Excluded::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(5L, Exclusion.CONFLICT), org.assertj.core.groups.Tuple.tuple(6L, Exclusion.UNAVAILABLE),
                org.assertj.core.groups.Tuple.tuple(7L, Exclusion.WORKLOAD_FULL));
        assertThat(p.excluded().stream().filter(e -> e.expertId() == 5).findFirst().orElseThrow().why().zh()).contains("利益冲突", CODE);
        assertThat(p.excluded().stream().filter(e -> e.expertId() == 7).findFirst().orElseThrow().why().zh()).contains("5/5");
        assertThat(p.unmatched()).isEqualTo(1);
        assertThat(p.shortBy()).isZero();
        assertThat(p.shortage()).isNull();
    }

    @Test
    void saysHowManyAreMissingWhenThePoolIsTooSmall() {
        Proposal p = Assignment.propose(caseOf(1, Set.of("03")), List.of(expert(1, Set.of("03"), 0), expert(2, Set.of("01"), 0)), 3);
        assertThat(p.proposed()).hasSize(1);
        assertThat(p.shortBy()).isEqualTo(2);
        assertThat(p.shortage().zh()).isEqualTo("符合条件的专家不足：需要 3 名，仅有 1 名");
    }

    /** Four cases, four equal experts, panels of two: the greedy batch hands each expert exactly two cases. */
    @Test
    void aBatchSpreadsTheWorkload() {
        List<Candidate> pool = new ArrayList<>();
        for (long i = 1; i <= 4; i++) pool.add(expert(i, Set.of("05"), 0));
        List<Assignment.Case> cases = new ArrayList<>();
        for (long i = 1; i <= 4; i++) cases.add(caseOf(i, Set.of("05")));
        Map<Long, Integer> load = new HashMap<>();
        for (Proposal p : Assignment.proposeAll(cases, pool, 2)) {
            assertThat(p.proposed()).hasSize(2);
            p.proposed().forEach(x -> load.merge(x.expertId(), 1, Integer::sum));
        }
        assertThat(load).containsOnly(Map.entry(1L, 2), Map.entry(2L, 2), Map.entry(3L, 2), Map.entry(4L, 2));
    }

    /** The batch respects the limit it raises: an expert with room for one more case gets exactly one. */
    @Test
    void aBatchStopsAtTheWorkloadLimit() {
        List<Candidate> pool = List.of(new Candidate(1, "专家1", Set.of("05"), FREE, true, 4, 5));
        List<Proposal> ps = Assignment.proposeAll(List.of(caseOf(1, Set.of("05")), caseOf(2, Set.of("05"))), pool, 1);
        assertThat(ps.get(0).proposed()).hasSize(1);
        assertThat(ps.get(1).proposed()).isEmpty();
        assertThat(ps.get(1).excluded()).singleElement().extracting(Assignment.Excluded::kind).isEqualTo(Exclusion.WORKLOAD_FULL);
    }
}
