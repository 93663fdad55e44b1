package org.innoladder.investment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.innoladder.identity.Role;
import org.innoladder.investment.domain.InvestmentStatus;
import org.innoladder.investment.domain.InvestmentWorkflow;
import org.innoladder.investment.domain.InvestmentWorkflow.Action;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The pipeline written out as a table — for every stage × every action, the stage it leads to or "—" where it is
 * forbidden — and compared cell by cell with the workflow; then each guard (the amount of SIGN, the enterprise of
 * LAND, the reason of TERMINATE), the roles and the scope.
 */
class InvestmentWorkflowTest {
    static final InvestmentWorkflow.Actor TOWN_OFFICER = new InvestmentWorkflow.Actor(Role.TOWN, true);

    /** Rows: the stage now; columns: NEGOTIATE, SIGN, LAND, PRODUCE, TERMINATE. */
    static final Map<InvestmentStatus, String[]> TABLE = Map.of(
            InvestmentStatus.LEAD, new String[] {"NEGOTIATING", "—", "—", "—", "TERMINATED"},
            InvestmentStatus.NEGOTIATING, new String[] {"—", "SIGNED", "—", "—", "TERMINATED"},
            InvestmentStatus.SIGNED, new String[] {"—", "—", "LANDED", "—", "TERMINATED"},
            InvestmentStatus.LANDED, new String[] {"—", "—", "—", "PRODUCING", "TERMINATED"},
            InvestmentStatus.PRODUCING, new String[] {"—", "—", "—", "—", "—"},
            InvestmentStatus.TERMINATED, new String[] {"—", "—", "—", "—", "—"});

    static InvestmentWorkflow.Facts given(InvestmentStatus s) {
        return new InvestmentWorkflow.Facts(s, new BigDecimal("50000000"), true);
    }

    @TestFactory
    Stream<DynamicTest> everyStageTimesEveryAction() {
        List<DynamicTest> cells = new ArrayList<>();
        for (InvestmentStatus s : InvestmentStatus.values()) {
            for (Action a : Action.values()) {
                String expected = TABLE.get(s)[a.ordinal()];
                cells.add(DynamicTest.dynamicTest(s + " × " + a + " → " + expected, () -> {
                    InvestmentWorkflow.Decision d = InvestmentWorkflow.decide(given(s), TOWN_OFFICER, a, "投资方撤回");
                    if (expected.equals("—")) {
                        assertThat(d.allowed()).isFalse();
                        assertThat(d.zh()).contains("“" + s.zh() + "”阶段").contains(a.zh());
                    } else {
                        assertThat(d.allowed()).as(d.zh()).isTrue();
                        assertThat(d.to()).isEqualTo(InvestmentStatus.valueOf(expected));
                    }
                }));
            }
        }
        return cells.stream();
    }

    @Test
    void theStepsOfferedAreExactlyTheAllowedCellsOfTheTable() {
        for (InvestmentStatus s : InvestmentStatus.values()) {
            List<Action> expected = Stream.of(Action.values()).filter(a -> !TABLE.get(s)[a.ordinal()].equals("—")).toList();
            assertThat(InvestmentWorkflow.available(s, TOWN_OFFICER)).as(s.name()).isEqualTo(expected);
        }
        // PRODUCING and TERMINATED are final
        assertThat(InvestmentWorkflow.available(InvestmentStatus.PRODUCING, TOWN_OFFICER)).isEmpty();
        assertThat(InvestmentWorkflow.available(InvestmentStatus.TERMINATED, TOWN_OFFICER)).isEmpty();
    }

    @Test
    void signingNeedsAPositiveAmount() {
        for (BigDecimal amount : new BigDecimal[] {null, BigDecimal.ZERO, new BigDecimal("-1")}) {
            InvestmentWorkflow.Decision d = InvestmentWorkflow.decide(new InvestmentWorkflow.Facts(InvestmentStatus.NEGOTIATING, amount, true),
                    TOWN_OFFICER, Action.SIGN, null);
            assertThat(d.allowed()).as(String.valueOf(amount)).isFalse();
            assertThat(d.zh()).contains("签约投资额");
        }
        assertThat(InvestmentWorkflow.decide(new InvestmentWorkflow.Facts(InvestmentStatus.NEGOTIATING, new BigDecimal("0.01"), false),
                TOWN_OFFICER, Action.SIGN, null).allowed()).isTrue();
    }

    @Test
    void landingNeedsARegisteredEnterpriseInScope() {
        InvestmentWorkflow.Decision d = InvestmentWorkflow.decide(new InvestmentWorkflow.Facts(InvestmentStatus.SIGNED, null, false),
                TOWN_OFFICER, Action.LAND, null);
        assertThat(d.allowed()).isFalse();
        assertThat(d.zh()).contains("统一社会信用代码");
        assertThat(InvestmentWorkflow.decide(new InvestmentWorkflow.Facts(InvestmentStatus.SIGNED, null, true), TOWN_OFFICER, Action.LAND, null)
                .to()).isEqualTo(InvestmentStatus.LANDED);
    }

    @Test
    void terminatingNeedsAReason() {
        for (String reason : new String[] {null, "", "  "}) {
            InvestmentWorkflow.Decision d = InvestmentWorkflow.decide(given(InvestmentStatus.LEAD), TOWN_OFFICER, Action.TERMINATE, reason);
            assertThat(d.allowed()).isFalse();
            assertThat(d.zh()).contains("理由");
        }
    }

    @Test
    void onlyOfficersCoveringTheTownTakeSteps() {
        for (Role r : Role.values()) {
            boolean officer = r == Role.ADMIN || r == Role.BUREAU || r == Role.TOWN;
            assertThat(InvestmentWorkflow.decide(given(InvestmentStatus.LEAD), new InvestmentWorkflow.Actor(r, true), Action.NEGOTIATE, null)
                    .allowed()).as(r.name()).isEqualTo(officer);
        }
        InvestmentWorkflow.Decision outside = InvestmentWorkflow.decide(given(InvestmentStatus.LEAD),
                new InvestmentWorkflow.Actor(Role.BUREAU, false), Action.NEGOTIATE, null);
        assertThat(outside.allowed()).isFalse();
        assertThat(outside.zh()).contains("管理范围");
        assertThat(InvestmentWorkflow.available(InvestmentStatus.LEAD, new InvestmentWorkflow.Actor(Role.LEADER, true))).isEmpty();
    }
}
