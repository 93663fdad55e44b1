package org.innoladder.review.domain;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.Role;

/**
 * The HNTE application review (三级审查) as plain functions: what a complete dossier holds, and who may move it.
 *
 * <pre>
 * (new) ─SUBMIT→ SUBMITTED ─TOWN_CHECK (complete)→ TOWN_CHECKED ─CITY_CHECK→ CITY_CHECKED ─(review decided)→ SCORED
 * SUBMITTED, TOWN_CHECKED ─RETURN (reason)→ RETURNED ─SUBMIT→ SUBMITTED
 * </pre>
 *
 * SUBMIT: the enterprise's own user, or a TOWN/BUREAU user covering it on behalf of its agency (中介机构). TOWN_CHECK: a
 * TOWN user covering the enterprise (a BUREAU user when the enterprise is registered above town level). CITY_CHECK: a
 * covering BUREAU user. RETURN: whoever may check the dossier at its level. The expert step is a review case; its
 * decision moves the dossier to SCORED (not an action a user takes here).
 */
public final class DossierWorkflow {

    private DossierWorkflow() {
    }

    public enum Action {
        SUBMIT("提交申报材料", "Submit the dossier"),
        TOWN_CHECK("镇街审核通过（材料完整）", "Town check passed (complete)"),
        CITY_CHECK("市/区审核通过（硬性条件）", "City/district check passed (hard criteria)"),
        RETURN("退回补正", "Return for correction");

        private final String zh;
        private final String en;

        Action(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }

        public static Action parse(String s) {
            if (s == null) return null;
            for (Action a : values()) if (a.name().equalsIgnoreCase(s.strip())) return a;
            return null;
        }
    }

    /** The parts of a dossier the completeness check reads; {@code yearFacts}: the year's facts are on file. */
    public record Parts(String ipList, String rdProjects, String evidence, boolean yearFacts, boolean domainKnown) {
    }

    /** What is missing from a dossier, each in words; empty when it is complete. */
    public static List<Why> missing(Parts p) {
        List<Why> out = new ArrayList<>();
        if (blank(p.ipList())) out.add(new Why("知识产权清单", "the IP list"));
        if (blank(p.rdProjects())) out.add(new Why("研发项目清单", "the R&D projects"));
        if (blank(p.evidence())) out.add(new Why("专家评分项佐证材料（技术先进性、核心支持作用、研发管理、标准制定）",
                "the evidence for the expert items (advancement, core support, R&D management, standards)"));
        if (!p.yearFacts()) out.add(new Why("申报年度的企业数据（一企一档）", "the enterprise's facts of the year"));
        if (!p.domainKnown()) out.add(new Why("高新技术领域", "the high-tech domain"));
        return out;
    }

    /** {@code inTown}: the enterprise is registered at town level; {@code covers}: the actor's write scope holds it. */
    public record Actor(Role role, boolean covers, boolean ownEnterprise) {
    }

    public record Decision(boolean allowed, DossierStatus to, Why why) {
    }

    public static Decision decide(DossierStatus status, boolean inTown, Actor who, Action action, String reason, List<Why> missing) {
        boolean fromOk = switch (action) {
            case SUBMIT -> status == null || status == DossierStatus.RETURNED;
            case TOWN_CHECK -> status == DossierStatus.SUBMITTED;
            case CITY_CHECK -> status == DossierStatus.TOWN_CHECKED;
            case RETURN -> status == DossierStatus.SUBMITTED || status == DossierStatus.TOWN_CHECKED;
        };
        if (!fromOk) {
            return refuse(status == null ? "尚未提交申报材料" : "申报当前为“" + status.zh() + "”，不能“" + action.zh() + "”",
                    status == null ? "no dossier submitted yet" : "the dossier is " + status.name() + ": cannot " + action.name());
        }
        boolean townLevel = status == DossierStatus.SUBMITTED;
        boolean roleOk = switch (action) {
            case SUBMIT -> who.role() == Role.ENTERPRISE ? who.ownEnterprise() : who.role() == Role.TOWN || who.role() == Role.BUREAU;
            case TOWN_CHECK -> who.role() == Role.TOWN || (who.role() == Role.BUREAU && !inTown);
            case CITY_CHECK -> who.role() == Role.BUREAU;
            case RETURN -> townLevel ? (who.role() == Role.TOWN || (who.role() == Role.BUREAU && !inTown)) : who.role() == Role.BUREAU;
        };
        if (!roleOk) {
            return refuse("角色 " + who.role().name() + " 不能“" + action.zh() + "”", "role " + who.role().name() + " may not " + action.name());
        }
        if (!who.covers()) return refuse("该企业不在您的管理范围内", "the enterprise is outside your scope");
        if (action == Action.RETURN && blank(reason)) return refuse("退回须填写理由（reason）", "returning needs a reason");
        if (action == Action.TOWN_CHECK && !missing.isEmpty()) {
            return refuse("材料不完整，缺少：" + String.join("、", missing.stream().map(Why::zh).toList()),
                    "the dossier is incomplete; missing: " + String.join(", ", missing.stream().map(Why::en).toList()));
        }
        return new Decision(true, switch (action) {
            case SUBMIT -> DossierStatus.SUBMITTED;
            case TOWN_CHECK -> DossierStatus.TOWN_CHECKED;
            case CITY_CHECK -> DossierStatus.CITY_CHECKED;
            case RETURN -> DossierStatus.RETURNED;
        }, null);
    }

    private static Decision refuse(String zh, String en) {
        return new Decision(false, null, new Why(zh, en));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
