package org.innoladder.award.internal;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.domain.AwardStatus;
import org.innoladder.award.domain.AwardWorkflow;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to award cases: every workflow action, bulk approval, applications and publicity objections. Each change
 * locks the case row (found through the caller's data scope: another scope's case is not found), asks
 * {@link AwardWorkflow} whether the caller may, applies the answer, appends the history row and records the audit
 * entry, all in one transaction. An approval commits the amount in the budget ledger ({@link AwardBudget}); when
 * it does not fit the case waits in BUDGET_WAIT.
 */
@Service
public class AwardService {
    static final int MAX_TEXT = 2000;
    static final int MAX_BULK = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AwardBudget budget;
    private final AuditTrail audit;
    private final AwardSettings settings;
    private final Clock clock;

    AwardService(JdbcClient jdbc, PlatformTransactionManager transactions, AwardBudget budget, AuditTrail audit,
                 AwardSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.budget = budget;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The text and account an action carries; fields an action does not use are ignored. */
    public record ActRequest(String reason, String paymentReference, String accountName, String accountBank,
                             String accountNumber) {
        public static final ActRequest NONE = new ActRequest(null, null, null, null, null);
    }

    /** What happened: {@code budgetShort} when an approval found too little budget and the case waits. */
    public record ActResult(long caseId, AwardStatus from, AwardStatus to, boolean budgetShort, String messageZh,
                            String messageEn) {
    }

    /** One line of a bulk approval's answer. */
    public record BulkLine(long caseId, String outcome, AwardStatus status, String messageZh, String messageEn) {
    }

    public record BulkResult(List<BulkLine> lines, int approved, int waiting, int refused) {
    }

    /** The case as the workflow needs it, locked for the rest of the transaction. */
    record Locked(long id, long policyId, int period, long enterpriseId, String enterpriseName, String creditCode,
                  String regionCode, AwardStatus status, BigDecimal amount, Long confirmedBy, Long reviewedBy,
                  Long approvedBy, LocalDate publicityEndsOn, int openObjections) {
        AwardWorkflow.CaseFacts facts() {
            return new AwardWorkflow.CaseFacts(status, regionCode != null && regionCode.length() == 9, confirmedBy,
                    reviewedBy, approvedBy, publicityEndsOn, openObjections);
        }
    }

    Locked lock(CurrentUser user, long caseId) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("id", caseId);
        return jdbc.sql("""
                SELECT c.id, c.policy_id, c.period, c.enterprise_id, e.name, e.credit_code, e.region_code, c.status,
                       c.amount_yuan, c.confirmed_by, c.reviewed_by, c.approved_by, c.publicity_ends_on,
                       (SELECT count(*) FROM award_objection o WHERE o.case_id = c.id AND o.resolved_at IS NULL)
                FROM award_case c JOIN enterprise e ON e.id = c.enterprise_id
                WHERE c.id = :id AND %s FOR UPDATE OF c""".formatted(f.sql())).params(p)
                .query((rs, n) -> {
                    Date ends = rs.getDate(13);
                    return new Locked(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), AwardStatus.valueOf(rs.getString(8)), rs.getBigDecimal(9),
                            (Long) rs.getObject(10), (Long) rs.getObject(11), (Long) rs.getObject(12),
                            ends == null ? null : ends.toLocalDate(), rs.getInt(14));
                }).optional().orElseThrow(() -> notFound(caseId));
    }

    static NotFoundException notFound(long caseId) {
        return new NotFoundException("未找到兑现案件 " + caseId + "（或不在您的数据范围内）",
                "no award case " + caseId + " (or it is outside your data scope)");
    }

    /** The case's enterprise inside the caller's write scope ({@link WriteScope}), else refused (403). */
    private static void requireWriteScope(CurrentUser user, Locked c) {
        if (!WriteScope.coversEnterprise(user, c.enterpriseId(), c.regionCode())) {
            throw new OutOfScopeException("id", String.valueOf(c.id()), "兑现案件 " + c.id() + " 的企业不在您可修改的范围内",
                    "the enterprise of award case " + c.id() + " is outside the scope you may change", false);
        }
    }

    static AwardWorkflow.Actor actor(CurrentUser user, Locked c) {
        return new AwardWorkflow.Actor(user.id(), user.role(), WriteScope.coversEnterprise(user, c.enterpriseId(), c.regionCode()));
    }

    /** Takes one workflow action on one case in its own transaction. */
    public ActResult act(CurrentUser user, long caseId, AwardAction action, ActRequest request, String sourceIp) {
        if (action == null) {
            throw new BadParameterException("action", "", "须为 CONFIRM、REVIEW、APPROVE、PUBLICISE、PAY、REJECT 或 WITHDRAW",
                    "must be CONFIRM, REVIEW, APPROVE, PUBLICISE, PAY, REJECT or WITHDRAW");
        }
        ActRequest r = request == null ? ActRequest.NONE : request;
        return tx.execute(s -> apply(user, lock(user, caseId), action, r, sourceIp));
    }

    private ActResult apply(CurrentUser user, Locked c, AwardAction action, ActRequest r, String sourceIp) {
        String reason = text("reason", r.reason(), false);
        String payment = action == AwardAction.PAY ? text("paymentReference", r.paymentReference(), false) : null;
        if (payment != null && payment.length() > 64) {
            throw new BadParameterException("paymentReference", payment, "支付凭证号不能超过 64 个字符", "at most 64 characters");
        }
        AwardWorkflow.Decision d = AwardWorkflow.decide(c.facts(), actor(user, c), action,
                new AwardWorkflow.Input(reason, payment), today());
        if (!d.allowed()) throw new AwardRefusedException(d);
        Timestamp now = Timestamp.from(clock.instant());
        AwardStatus to = d.to();
        Map<String, Object> p = new HashMap<>();
        p.put("id", c.id());
        p.put("me", user.id());
        p.put("now", now);
        String set = "";
        String detail = reason;
        switch (action) {
            case CONFIRM -> {
                BankAccount a = BankAccount.of(r.accountName(), r.accountBank(), r.accountNumber(), c.enterpriseName());
                set = ", account_name = :an, account_bank = :ab, account_number = :ac, confirmed_by = :me, confirmed_at = :now";
                p.put("an", a.name());
                p.put("ab", a.bank());
                p.put("ac", a.number());
                detail = "收款账户 " + a.bank() + " " + a.masked();
            }
            case REVIEW -> set = ", reviewed_by = :me, reviewed_at = :now";
            case APPROVE -> {
                if (budget.reserve(c.policyId(), c.period(), c.amount())) {
                    set = ", approved_by = :me, approved_at = :now";
                } else {
                    to = AwardStatus.BUDGET_WAIT;
                    detail = "预算不足，待追加预算 / budget exhausted, waiting for more budget";
                }
            }
            case PUBLICISE -> {
                LocalDate ends = today().plusDays(settings.publicityDays() - 1L);
                set = ", publicised_by = :me, publicised_at = :now, publicity_ends_on = :ends";
                p.put("ends", Date.valueOf(ends));
                detail = "公示期至 " + ends + " / publicised until " + ends;
            }
            case PAY -> {
                set = ", paid_by = :me, paid_at = :now, payment_reference = :ref";
                p.put("ref", payment);
                detail = "支付凭证 " + payment;
            }
            case REJECT, WITHDRAW -> {
                set = ", closed_reason = :reason";
                p.put("reason", reason);
                if (c.status().holdsBudget()) budget.release(c.policyId(), c.period(), c.amount());
            }
        }
        if (to == c.status()) {
            // an approval retried while the budget is still short: nothing changes
            return new ActResult(c.id(), c.status(), to, true, "预算仍不足，案件继续等待追加预算",
                    "the budget is still short; the case keeps waiting");
        }
        p.put("to", to.name());
        jdbc.sql("UPDATE award_case SET status = :to, status_since = :now" + set + " WHERE id = :id").params(p).update();
        event(c.id(), c.status(), to, action.name(), user, detail, now);
        audit.record(user.username(), "award." + action.name().toLowerCase(), "award_case:" + c.id(),
                c.status() + "→" + to + (detail == null ? "" : "; " + detail), sourceIp);
        return new ActResult(c.id(), c.status(), to, to == AwardStatus.BUDGET_WAIT,
                "案件 " + c.id() + "：" + c.status().zh() + " → " + to.zh(),
                "case " + c.id() + ": " + c.status().en() + " → " + to.en());
    }

    private void event(long caseId, AwardStatus from, AwardStatus to, String action, CurrentUser user, String reason,
                       Timestamp at) {
        jdbc.sql("""
                INSERT INTO award_case_event (case_id, from_status, to_status, action, actor_user_id, actor_username,
                                              actor_role, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, from == null ? null : from.name(), to.name(), action, user.id(), user.username(),
                        user.role().name(), reason, at).update();
    }

    /**
     * Approves many cases, each in its own transaction and checked on its own: one refusal or a short budget never
     * undoes the others. The answer says, per case, whether it was approved, waits for budget, or why not.
     */
    public BulkResult approveAll(CurrentUser user, List<Long> caseIds, String sourceIp) {
        if (caseIds == null || caseIds.isEmpty()) {
            throw new BadParameterException("ids", "", "请至少选择一个案件", "select at least one case");
        }
        if (caseIds.size() > MAX_BULK) {
            throw new BadParameterException("ids", caseIds.size() + " 个", "一次最多批量审批 " + MAX_BULK + " 个案件",
                    "at most " + MAX_BULK + " cases at once");
        }
        List<BulkLine> lines = new ArrayList<>();
        int approved = 0, waiting = 0, refused = 0;
        for (long id : new LinkedHashSet<>(caseIds)) {
            try {
                ActResult r = act(user, id, AwardAction.APPROVE, ActRequest.NONE, sourceIp);
                if (r.budgetShort()) {
                    waiting++;
                    lines.add(new BulkLine(id, "BUDGET_WAIT", r.to(), "预算不足，待追加预算", "budget exhausted, waiting for more budget"));
                } else {
                    approved++;
                    lines.add(new BulkLine(id, "APPROVED", r.to(), "已审批", "approved"));
                }
            } catch (AwardRefusedException e) {
                refused++;
                lines.add(new BulkLine(id, "REFUSED", null, e.messageZh(), e.messageEn()));
            } catch (NotFoundException e) {
                refused++;
                lines.add(new BulkLine(id, "NOT_FOUND", null, e.messageZh(), e.messageEn()));
            } catch (OutOfScopeException e) {
                refused++;
                lines.add(new BulkLine(id, e.hidden() ? "NOT_FOUND" : "REFUSED", null, e.messageZh(), e.messageEn()));
            }
        }
        return new BulkResult(lines, approved, waiting, refused);
    }

    /** A publicity objection, recorded by a covering BUREAU or TOWN user while the case is publicised. */
    public long lodgeObjection(CurrentUser user, long caseId, String content, String sourceIp) {
        String text = text("content", content, true);
        return tx.execute(s -> {
            Locked c = lock(user, caseId);
            if (!(user.role() == Role.BUREAU || user.role() == Role.TOWN)) {
                throw new AccessDeniedException("only a covering BUREAU or TOWN user records objections");
            }
            requireWriteScope(user, c);
            if (c.status() != AwardStatus.PUBLICISED) {
                throw new AwardRefusedException(new AwardWorkflow.Decision(false, null, AwardWorkflow.Refusal.NOT_IN_THIS_STATE,
                        "只有公示中的案件可以登记异议（当前为“" + c.status().zh() + "”）",
                        "objections are recorded only while the case is publicised (it is " + c.status().name() + ")"));
            }
            long id = jdbc.sql("INSERT INTO award_objection (case_id, lodged_by, lodged_at, content) VALUES (?, ?, ?, ?) RETURNING id")
                    .params(c.id(), user.username(), Timestamp.from(clock.instant()), text).query(Long.class).single();
            audit.record(user.username(), "award.objection.lodge", "award_case:" + c.id(), "award_objection:" + id, sourceIp);
            return id;
        });
    }

    /** Resolves an objection (BUREAU); payment is possible once none is open. */
    public void resolveObjection(CurrentUser user, long caseId, long objectionId, String resolution, String sourceIp) {
        String text = text("resolution", resolution, true);
        tx.executeWithoutResult(s -> {
            Locked c = lock(user, caseId);
            if (user.role() != Role.BUREAU) {
                throw new AccessDeniedException("only a covering BUREAU user resolves objections");
            }
            requireWriteScope(user, c);
            int n = jdbc.sql("""
                    UPDATE award_objection SET resolved_by = ?, resolved_at = ?, resolution = ?
                    WHERE id = ? AND case_id = ? AND resolved_at IS NULL""")
                    .params(user.username(), Timestamp.from(clock.instant()), text, objectionId, c.id()).update();
            if (n == 0) {
                throw new NotFoundException("该案件没有未处理的异议 " + objectionId, "no open objection " + objectionId + " on this case");
            }
            audit.record(user.username(), "award.objection.resolve", "award_case:" + c.id(), "award_objection:" + objectionId, sourceIp);
        });
    }

    /** An uploaded application file. */
    public record Material(String fileName, String contentType, byte[] content) {
    }

    /**
     * The enterprise applies to an APPLICATION policy for a period: with its ELIGIBLE match the amount is the
     * match's; without one it states the amount it applies for (the town and district review it). The application
     * carries the bank account, so the case opens as ENTERPRISE_CONFIRMED.
     */
    public long apply(CurrentUser user, long policyId, Integer period, String requestedAmount, String materials,
                      String accountName, String accountBank, String accountNumber, Material file, String sourceIp) {
        if (user.role() != Role.ENTERPRISE || user.enterpriseId() == null) {
            throw new AccessDeniedException("only an enterprise applies for awards");
        }
        String text = text("materials", materials, true);
        if (file != null && file.content().length > settings.maxMaterialBytes()) {
            throw new BadParameterException("file", file.fileName(), "附件不能超过 " + settings.maxMaterialBytes() / (1024 * 1024) + " MB",
                    "the file may be at most " + settings.maxMaterialBytes() / (1024 * 1024) + " MB");
        }
        return tx.execute(s -> {
            record Target(String mode, String regionCode, String enterpriseName, String enterpriseRegion, int version,
                          LocalDate start, LocalDate end) {
            }
            Target t = jdbc.sql("""
                    SELECT pv.mode, p.region_code, e.name, e.region_code, pv.version, pv.period_start, pv.period_end
                    FROM policy p JOIN policy_version pv ON pv.policy_id = p.id AND pv.version = p.published_version
                    JOIN enterprise e ON e.id = :e
                    WHERE p.id = :p AND p.status = 'PUBLISHED'""")
                    .param("p", policyId).param("e", user.enterpriseId())
                    .query((rs, n) -> new Target(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate()))
                    .optional()
                    .filter(x -> x.enterpriseRegion() != null && x.enterpriseRegion().startsWith(x.regionCode()))
                    .orElseThrow(() -> new NotFoundException("未找到适用于本企业的已发布政策 " + policyId,
                            "no published policy " + policyId + " applies to your enterprise"));
            if (!"APPLICATION".equals(t.mode())) {
                throw new BadParameterException("policyId", String.valueOf(policyId), "该政策为免申即享，无需申请，请在“我的政策”中确认",
                        "this policy is automatic (no application): confirm its case on My policies");
            }
            int per = period == null ? today().getYear() : period;
            if (per < t.start().getYear() || per > t.end().getYear()) {
                throw new BadParameterException("period", String.valueOf(per), "须在政策执行期 " + t.start().getYear() + "–" + t.end().getYear() + " 内",
                        "must lie within the policy's period " + t.start().getYear() + "–" + t.end().getYear());
            }
            BankAccount account = BankAccount.of(accountName, accountBank, accountNumber, t.enterpriseName());
            record Match(long runId, int version, BigDecimal amount) {
            }
            Match m = jdbc.sql("""
                    SELECT run_id, policy_version, amount_yuan FROM policy_match
                    WHERE policy_id = ? AND enterprise_id = ? AND period = ? AND outcome = 'ELIGIBLE' AND amount_yuan IS NOT NULL""")
                    .params(policyId, user.enterpriseId(), per)
                    .query((rs, n) -> new Match(rs.getLong(1), rs.getInt(2), rs.getBigDecimal(3))).optional().orElse(null);
            BigDecimal amount = m != null ? m.amount() : amount(requestedAmount);
            Timestamp now = Timestamp.from(clock.instant());
            Long id = jdbc.sql("""
                    INSERT INTO award_case (policy_id, policy_version, enterprise_id, period, origin, match_run_id, amount_yuan,
                                            status, status_since, account_name, account_bank, account_number, materials,
                                            confirmed_by, confirmed_at, created_at)
                    VALUES (:p, :v, :e, :period, 'APPLICATION', :run, :amount, 'ENTERPRISE_CONFIRMED', :now, :an, :ab, :ac,
                            :materials, :me, :now, :now)
                    ON CONFLICT (policy_id, enterprise_id, period) DO NOTHING RETURNING id""")
                    .param("p", policyId).param("v", m != null ? m.version() : t.version()).param("e", user.enterpriseId())
                    .param("period", per).param("run", m != null ? m.runId() : null).param("amount", amount)
                    .param("now", now).param("an", account.name()).param("ab", account.bank()).param("ac", account.number())
                    .param("materials", text).param("me", user.id())
                    .query(Long.class).optional().orElseThrow(() -> new BadParameterException("policyId", String.valueOf(policyId),
                            "本企业在 " + per + " 年度已有该政策的兑现案件，不能重复申请",
                            "your enterprise already has a case for this policy and period " + per));
            if (file != null && file.content().length > 0) {
                jdbc.sql("""
                        INSERT INTO award_material (case_id, file_name, content_type, size_bytes, content, uploaded_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(id, file.fileName(), file.contentType(), file.content().length, file.content(), now).update();
            }
            event(id, null, AwardStatus.ENTERPRISE_CONFIRMED, "APPLY", user,
                    (m != null ? "依据匹配结果申请" : "自行申请，申请金额 " + amount + " 元") + "；收款账户 " + account.bank() + " " + account.masked(), now);
            audit.record(user.username(), "award.apply", "award_case:" + id,
                    "policy:" + policyId + " period=" + per + " amount=" + amount + (file != null ? " file=" + file.fileName() : ""), sourceIp);
            return id;
        });
    }

    static BigDecimal amount(String requested) {
        String v = requested == null ? "" : requested.strip().replace(",", "");
        try {
            BigDecimal a = new BigDecimal(v);
            if (a.signum() > 0 && a.scale() <= 2 && a.compareTo(new BigDecimal("100000000000000")) < 0) return a;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException("requestedAmount", v, "无匹配结果时须填写申请金额：大于 0 的元金额，最多两位小数",
                "without a match, state the amount applied for: yuan above 0 with at most two decimals");
    }

    static String text(String field, String value, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) throw new BadParameterException(field, v, "不能为空", "is required");
        if (v.length() > MAX_TEXT) {
            throw new BadParameterException(field, v.substring(0, 20) + "…", "不能超过 " + MAX_TEXT + " 字",
                    "at most " + MAX_TEXT + " characters");
        }
        return v.isEmpty() ? null : v;
    }
}
