package org.innoladder.investment.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.innoladder.identity.Role;

/**
 * The 科技招商 pipeline as one plain function: facts × actor × action → the next stage, or the refusal in words.
 *
 * <pre>
 * LEAD ─NEGOTIATE→ NEGOTIATING ─SIGN (signed investment &gt; 0)→ SIGNED
 * SIGNED ─LAND (the enterprise registered: its credit code found in the register, within the actor's scope)→ LANDED
 * LANDED ─PRODUCE→ PRODUCING
 * LEAD, NEGOTIATING, SIGNED, LANDED ─TERMINATE (reason required)→ TERMINATED
 * </pre>
 *
 * Every step is taken by an officer (ADMIN, BUREAU or TOWN) whose write scope covers the project's town; PRODUCING and
 * TERMINATED are final.
 */
public final class InvestmentWorkflow {
    private InvestmentWorkflow() {
    }

    public enum Action {
        NEGOTIATE("进入洽谈", "Start negotiating"), SIGN("签约", "Sign"), LAND("落地", "Land"), PRODUCE("投产", "Start production"),
        TERMINATE("终止", "Terminate");

        private final String zh;
        private final String en;

        Action(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }

        public String label(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
        }
    }

    /**
     * {@code signedYuan}: the signed investment given with SIGN; {@code enterpriseFound}: the credit code given with
     * LAND (or already linked) names an enterprise of the register that lies in the actor's scope.
     */
    public record Facts(InvestmentStatus status, BigDecimal signedYuan, boolean enterpriseFound) {
    }

    public record Actor(Role role, boolean covers) {
    }

    public record Decision(boolean allowed, InvestmentStatus to, String zh, String en) {
    }

    private static final Set<Role> OFFICERS = EnumSet.of(Role.ADMIN, Role.BUREAU, Role.TOWN);

    public static Set<InvestmentStatus> from(Action a) {
        return switch (a) {
            case NEGOTIATE -> EnumSet.of(InvestmentStatus.LEAD);
            case SIGN -> EnumSet.of(InvestmentStatus.NEGOTIATING);
            case LAND -> EnumSet.of(InvestmentStatus.SIGNED);
            case PRODUCE -> EnumSet.of(InvestmentStatus.LANDED);
            case TERMINATE -> EnumSet.of(InvestmentStatus.LEAD, InvestmentStatus.NEGOTIATING, InvestmentStatus.SIGNED, InvestmentStatus.LANDED);
        };
    }

    public static InvestmentStatus target(Action a) {
        return switch (a) {
            case NEGOTIATE -> InvestmentStatus.NEGOTIATING;
            case SIGN -> InvestmentStatus.SIGNED;
            case LAND -> InvestmentStatus.LANDED;
            case PRODUCE -> InvestmentStatus.PRODUCING;
            case TERMINATE -> InvestmentStatus.TERMINATED;
        };
    }

    public static Decision decide(Facts f, Actor who, Action a, String reason) {
        if (!from(a).contains(f.status())) {
            return refuse("项目当前处于“" + f.status().zh() + "”阶段，不能“" + a.zh() + "”",
                    "the project is " + f.status().name() + ": cannot " + a.name());
        }
        if (!OFFICERS.contains(who.role())) return refuse("只有科技局或镇（街道）经办人可以“" + a.zh() + "”", "only an officer may " + a.name());
        if (!who.covers()) return refuse("该项目不在您的管理范围内", "the project is outside your scope");
        switch (a) {
            case SIGN -> {
                if (f.signedYuan() == null || f.signedYuan().signum() <= 0) {
                    return refuse("签约须填写签约投资额（万元），且大于 0", "signing needs the signed investment (10k yuan), above 0");
                }
            }
            case LAND -> {
                if (!f.enterpriseFound()) {
                    return refuse("落地须关联已在企业档案中登记、且在您管理范围内的企业（统一社会信用代码）",
                            "landing needs the credit code of an enterprise registered within your scope");
                }
            }
            case TERMINATE -> {
                if (reason == null || reason.isBlank()) return refuse("“终止”必须填写理由（reason）", "'TERMINATE' needs a reason");
            }
            default -> { }
        }
        return new Decision(true, target(a), null, null);
    }

    /** The actions the actor may take now, given the facts as they stand (amounts and codes assumed supplied). */
    public static List<Action> available(InvestmentStatus status, Actor who) {
        List<Action> out = new ArrayList<>();
        Facts optimistic = new Facts(status, BigDecimal.ONE, true);
        for (Action a : Action.values()) if (decide(optimistic, who, a, "…").allowed()) out.add(a);
        return out;
    }

    private static Decision refuse(String zh, String en) {
        return new Decision(false, null, zh, en);
    }
}
