package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.credit.domain.ClaimWorkflow;
import org.innoladder.credit.domain.LoanAction;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.region.Regions;
import org.innoladder.rules.credit.Compensation;
import org.innoladder.rules.credit.CompensationClaim;
import org.innoladder.rules.credit.CompensationScheme;
import org.innoladder.rules.credit.CompensationSchemes;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The risk-compensation pool (风险补偿资金池) per region and period, funded by the bureau, and the claims banks make on
 * it. A claim's amount is computed by the pool's scheme (rules library, {@link CompensationScheme}) when it is made;
 * two different bureau users review and approve it; approval commits the amount with one guarded update
 * ({@code committed + amount <= funded + returned}), so concurrent approvals queue on the pool's row and the pool can
 * never promise more than it holds (the table's CHECK refuses it even if the guard were forgotten). Recoveries after
 * payment go back to the pool pro rata.
 */
@Service
public class RiskPools {
    /** One funding at most 1万亿元, a pool at most what its columns hold: beyond is a typing error, never a budget. */
    static final BigDecimal MAX_FUNDING = new BigDecimal("1000000000000");
    static final BigDecimal MAX_POOL = new BigDecimal("99999999999999.99");

    private final JdbcClient jdbc;
    private final Loans loans;
    private final Regions regions;
    private final AuditTrail audit;
    private final Clock clock;
    private final WhiteLists whiteLists;

    public RiskPools(JdbcClient jdbc, Loans loans, Regions regions, AuditTrail audit, Clock clock, WhiteLists whiteLists) {
        this.jdbc = jdbc;
        this.loans = loans;
        this.regions = regions;
        this.audit = audit;
        this.clock = clock;
        this.whiteLists = whiteLists;
    }

    public record Pool(long id, String regionCode, int period, String schemeCode, BigDecimal funded, BigDecimal committed,
                       BigDecimal returned) {
        public BigDecimal balance() {
            return funded.add(returned).subtract(committed);
        }
    }

    public record Claim(long id, long loanId, long bankId, String bankName, String enterpriseName, String regionCode,
                        long poolId, ClaimWorkflow.Status status, BigDecimal principal, BigDecimal loss, BigDecimal amount,
                        BigDecimal share, String explanationZh, String explanationEn, String evidence, Long reviewedBy,
                        Long approvedBy, String paymentReference, String rejectReason, BigDecimal returned,
                        OffsetDateTime createdAt) {
    }

    static final String CLAIM_SELECT = """
            SELECT c.id, c.loan_id, c.bank_id, b.name, e.name, l.region_code, c.pool_id, c.status, c.nonperforming_principal,
                   c.bank_loss_total, c.amount_yuan, c.share, c.explanation_zh, c.explanation_en, c.evidence, c.reviewed_by,
                   c.approved_by, c.payment_reference, c.reject_reason, c.returned_yuan, c.created_at
            FROM compensation_claim c JOIN loan l ON l.id = c.loan_id JOIN bank b ON b.id = c.bank_id
            JOIN enterprise e ON e.id = l.enterprise_id
            """;

    static Claim claimRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Claim(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getLong(7), ClaimWorkflow.Status.valueOf(rs.getString(8)), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), rs.getString(14), rs.getString(15),
                (Long) rs.getObject(16), (Long) rs.getObject(17), rs.getString(18), rs.getString(19), rs.getBigDecimal(20),
                rs.getObject(21, OffsetDateTime.class));
    }

    static final String POOL_SELECT = "SELECT id, region_code, period, scheme_code, funded_yuan, committed_yuan, returned_yuan FROM risk_pool";

    static Pool poolRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pool(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7));
    }

    public List<Pool> pools(CurrentUser user) {
        String prefix = user.role() == Role.ADMIN || user.regionCode() == null ? "" : user.regionCode();
        // a bureau sees its own region's pools and those of the regions above it that cover its enterprises
        return jdbc.sql(POOL_SELECT + " WHERE region_code LIKE :prefix OR :prefix LIKE region_code || '%' ORDER BY period DESC, region_code")
                .param("prefix", prefix + "%").query((rs, n) -> poolRow(rs)).list();
    }

    public Pool pool(long id) {
        return jdbc.sql(POOL_SELECT + " WHERE id = :id").param("id", id).query((rs, n) -> poolRow(rs)).optional().orElse(null);
    }

    /** Funds (or tops up) the pool of a region and period; creates it with the scheme on first funding. */
    @Transactional
    public long fund(CurrentUser user, String region, int period, BigDecimal amount, String scheme, String note, String ip) {
        if (user.role() != Role.BUREAU && user.role() != Role.ADMIN) {
            throw new OutOfScopeException("region", region, "只有科技局可以注资风险补偿资金池", "only the bureau funds the pool", false);
        }
        if (region == null || regions.name(region).isEmpty()) {
            throw new BadParameterException("region", region, "没有这个区划", "no such region");
        }
        WriteScope.requireRegion(user, region, "region");
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(MAX_FUNDING) > 0) {
            throw new BadParameterException("amount", amount == null ? "" : amount.toPlainString(),
                    "注资金额须大于 0、至多两位小数，单次不超过 " + MAX_FUNDING.toPlainString() + " 元",
                    "the amount must be greater than 0 yuan with at most two decimals, and at most " + MAX_FUNDING.toPlainString() + " at once");
        }
        String code = scheme == null || scheme.isBlank() ? CompensationSchemes.DEFAULT : scheme.strip();
        if (!CompensationSchemes.bundled().contains(code)) {
            throw new BadParameterException("scheme", scheme, "须为已发布的补偿方案之一：" + CompensationSchemes.bundled(),
                    "must be one of the schemes " + CompensationSchemes.bundled());
        }
        String why = note == null || note.isBlank() ? "注资" : note.strip();
        jdbc.sql("INSERT INTO risk_pool (region_code, period, scheme_code) VALUES (:r, :p, :s) ON CONFLICT (region_code, period) DO NOTHING")
                .param("r", region).param("p", period).param("s", code).update();
        Long poolId = jdbc.sql("""
                UPDATE risk_pool SET funded_yuan = funded_yuan + :a, updated_at = now()
                WHERE region_code = :r AND period = :p AND funded_yuan + :a <= :max RETURNING id""")
                .param("a", amount).param("r", region).param("p", period).param("max", MAX_POOL).query(Long.class).optional().orElse(null);
        if (poolId == null) {
            throw new BadParameterException("amount", amount.toPlainString(), "资金池累计注资不能超过 " + MAX_POOL.toPlainString() + " 元",
                    "a pool's total funding may not exceed " + MAX_POOL.toPlainString() + " yuan");
        }
        jdbc.sql("INSERT INTO risk_pool_funding (pool_id, amount_yuan, note, funded_by) VALUES (:pool, :a, :n, :by)")
                .param("pool", poolId).param("a", amount).param("n", why).param("by", user.id()).update();
        audit.record(user.username(), "credit.pool.fund", "risk_pool:" + poolId, "amount=" + amount.toPlainString(), ip);
        return poolId;
    }

    /** The pool covering a region in a period: the one of the nearest region above it (town, district, city…). */
    Pool coveringPool(String regionCode, int period) {
        return jdbc.sql(POOL_SELECT + " WHERE period = :p AND :r LIKE region_code || '%' ORDER BY length(region_code) DESC LIMIT 1")
                .param("p", period).param("r", regionCode).query((rs, n) -> poolRow(rs)).optional().orElse(null);
    }

    /** A bank claims compensation for one of its non-performing loans. */
    @Transactional
    public long claim(CurrentUser user, long loanId, BigDecimal lossTotal, String evidence, String ip) {
        if (user.role() != Role.BANK || user.bankId() == null) {
            throw new OutOfScopeException("bank", null, "只有银行可以申请风险补偿", "only a bank claims compensation", false);
        }
        Loans.Loan l = loans.get(user, loanId);
        if (evidence == null || evidence.isBlank() || evidence.length() > 4000) {
            throw new BadParameterException("evidence", evidence, "须说明证明材料（不良认定、催收记录等，1–4000 字）",
                    "describe the evidence (non-performing classification, collection records; 1 to 4000 characters)");
        }
        if (l.status() != LoanStatus.NON_PERFORMING) {
            throw new CreditRefusedException("NOT_IN_THIS_STATE", "只有“不良”状态的贷款可以申请补偿，当前为“" + l.status().zh() + "”",
                    "only a non-performing loan may be claimed; it is " + l.status().name());
        }
        boolean covered = l.productId() != null && Boolean.TRUE.equals(jdbc.sql("SELECT pool_covered FROM credit_product WHERE id = :id")
                .param("id", l.productId()).query(Boolean.class).single());
        if (!covered) {
            throw new CreditRefusedException("NOT_COVERED", "该贷款的产品不在风险补偿资金池覆盖范围内", "the loan's product is not covered by the pool");
        }
        Pool pool = coveringPool(l.regionCode(), LocalDate.now(clock).getYear());
        if (pool == null) {
            throw new CreditRefusedException("NO_POOL", "本年度尚无覆盖该企业所在区划的风险补偿资金池", "no pool covers the enterprise's region this year");
        }
        BigDecimal principal = l.outstanding() == null ? BigDecimal.ZERO : l.outstanding();
        BigDecimal loss = lossTotal == null ? principal : lossTotal;
        if (loss.signum() < 0 || loss.scale() > 2) {
            throw new BadParameterException("lossTotal", loss.toPlainString(), "实际损失须不小于 0（元，至多两位小数）",
                    "the actual loss is at least 0 yuan, at most two decimals");
        }
        BigDecimal before = jdbc.sql("SELECT coalesce(sum(amount_yuan), 0) FROM compensation_claim WHERE loan_id = :l AND status IN ('APPROVED', 'PAID')")
                .param("l", loanId).query(BigDecimal.class).single();
        BigDecimal toBank = jdbc.sql("SELECT coalesce(sum(amount_yuan), 0) FROM compensation_claim WHERE pool_id = :p AND bank_id = :b AND status IN ('APPROVED', 'PAID')")
                .param("p", pool.id()).param("b", l.bankId()).query(BigDecimal.class).single();
        CompensationScheme scheme = CompensationSchemes.bundled(pool.schemeCode());
        // the 如皋 variant admits loans to enterprises on a white list in force when the claim is made
        Compensation c = scheme.compute(new CompensationClaim(String.valueOf(loanId), String.valueOf(l.bankId()),
                CompensationClaim.LoanKind.valueOf(l.loanKind()), l.firstLoan(), l.pureCreditOrIpPledge(), whiteLists.listed(l.enterpriseId()),
                l.disbursed() == null ? BigDecimal.ZERO : l.disbursed(), principal, loss, before), toBank);
        long id = jdbc.sql("""
                INSERT INTO compensation_claim (loan_id, bank_id, pool_id, status, nonperforming_principal, bank_loss_total,
                    amount_yuan, share, explanation_zh, explanation_en, evidence, submitted_by)
                VALUES (:loan, :bank, :pool, 'SUBMITTED', :principal, :loss, :amount, :share, :zh, :en, :evidence, :by)
                RETURNING id""")
                .param("loan", loanId).param("bank", l.bankId()).param("pool", pool.id()).param("principal", principal)
                .param("loss", loss).param("amount", c.amount()).param("share", c.share()).param("zh", c.explanationZh())
                .param("en", c.explanationEn()).param("evidence", evidence.strip()).param("by", user.id()).query(Long.class).single();
        loans.act(user, loanId, LoanAction.CLAIM, null, null, null, ip);
        audit.record(user.username(), "credit.claim.submit", "compensation_claim:" + id, "amount=" + c.amount().toPlainString(), ip);
        return id;
    }

    public DataScope.SqlFilter claimsVisible(CurrentUser user) {
        return switch (user.role()) {
            case ADMIN -> new DataScope.SqlFilter("true", Map.of());
            case BUREAU, LEADER, TOWN -> new DataScope.SqlFilter("l.region_code LIKE :claim_region", Map.of("claim_region", user.regionCode() + "%"));
            case BANK -> new DataScope.SqlFilter("c.bank_id = :claim_bank", Map.of("claim_bank", user.bankId() == null ? -1L : user.bankId()));
            default -> new DataScope.SqlFilter("false", Map.of());
        };
    }

    public List<Claim> claims(CurrentUser user, ClaimWorkflow.Status status, int limit) {
        DataScope.SqlFilter f = claimsVisible(user);
        return jdbc.sql(CLAIM_SELECT + " WHERE " + f.sql() + (status == null ? "" : " AND c.status = :status")
                        + " ORDER BY c.id DESC LIMIT :limit")
                .params(f.params()).param("status", status == null ? null : status.name()).param("limit", limit)
                .query((rs, n) -> claimRow(rs)).list();
    }

    public Claim claim(CurrentUser user, long id) {
        DataScope.SqlFilter f = claimsVisible(user);
        return jdbc.sql(CLAIM_SELECT + " WHERE c.id = :id AND " + f.sql()).params(f.params()).param("id", id)
                .query((rs, n) -> claimRow(rs)).optional()
                .orElseThrow(() -> new NotFoundException("未找到补偿申请 " + id + "（或不在您的数据范围内）",
                        "no claim " + id + " (or it is outside your data scope)"));
    }

    public List<ClaimWorkflow.Action> available(CurrentUser user, Claim c) {
        return ClaimWorkflow.available(new ClaimWorkflow.Facts(c.status(), c.reviewedBy(), c.approvedBy()), actor(user, c));
    }

    private static ClaimWorkflow.Actor actor(CurrentUser user, Claim c) {
        boolean covers = user.role() == Role.BUREAU && user.regionCode() != null && c.regionCode().startsWith(user.regionCode());
        return new ClaimWorkflow.Actor(user.id(), user.role(), covers);
    }

    /** A bureau step on a claim; APPROVE commits the amount against the pool or is refused when the pool is short. */
    @Transactional
    public ClaimWorkflow.Status act(CurrentUser user, long claimId, ClaimWorkflow.Action action, String text, String ip) {
        claim(user, claimId);
        // the claim row's lock: two steps on one claim queue here and the second sees the first's result
        jdbc.sql("SELECT id FROM compensation_claim WHERE id = :id FOR UPDATE").param("id", claimId).query(Long.class).single();
        Claim c = claim(user, claimId);
        ClaimWorkflow.Decision d = ClaimWorkflow.decide(new ClaimWorkflow.Facts(c.status(), c.reviewedBy(), c.approvedBy()),
                actor(user, c), action, text);
        if (!d.allowed()) throw new CreditRefusedException("CLAIM_REFUSED", d.zh(), d.en());
        if (action == ClaimWorkflow.Action.APPROVE) {
            int n = jdbc.sql("""
                    UPDATE risk_pool SET committed_yuan = committed_yuan + :amount, updated_at = now()
                    WHERE id = :pool AND committed_yuan + :amount <= funded_yuan + returned_yuan""")
                    .param("amount", c.amount()).param("pool", c.poolId()).update();
            if (n != 1) {
                Pool p = pool(c.poolId());
                throw new CreditRefusedException("POOL_SHORT", "资金池余额 " + p.balance().toPlainString() + " 元不足以支付本次补偿 "
                        + c.amount().toPlainString() + " 元，请先注资", "the pool's balance " + p.balance().toPlainString()
                        + " yuan is less than the claim's " + c.amount().toPlainString() + " yuan; fund the pool first");
            }
        }
        String set = switch (action) {
            case REVIEW -> "reviewed_by = :by";
            case APPROVE -> "approved_by = :by";
            case PAY -> "paid_by = :by, payment_reference = :text";
            case REJECT -> "reject_reason = :text";
        };
        jdbc.sql("UPDATE compensation_claim SET status = :to, updated_at = now(), " + set + " WHERE id = :id AND status = :from")
                .param("to", d.to().name()).param("by", user.id()).param("text", text == null ? null : text.strip())
                .param("id", claimId).param("from", c.status().name()).update();
        if (action == ClaimWorkflow.Action.REJECT) loans.act(user, c.loanId(), LoanAction.CLAIM_REFUSED, null, null, null, ip);
        if (action == ClaimWorkflow.Action.PAY) loans.act(user, c.loanId(), LoanAction.COMPENSATE, null, null, null, ip);
        audit.record(user.username(), "credit.claim." + action.name().toLowerCase(java.util.Locale.ROOT),
                "compensation_claim:" + claimId, c.status() + " -> " + d.to() + "; amount=" + c.amount().toPlainString(), ip);
        return d.to();
    }

    /** A recovery reported by the bank after payment: the pool's part of it goes back to the pool. */
    void recovered(CurrentUser user, long loanId, BigDecimal amount, String ip) {
        record Paid(long id, long pool, BigDecimal amount, BigDecimal loss, BigDecimal returned) {
        }
        Paid p = jdbc.sql("""
                SELECT id, pool_id, amount_yuan, bank_loss_total, returned_yuan FROM compensation_claim
                WHERE loan_id = :l AND status = 'PAID' ORDER BY id DESC LIMIT 1 FOR UPDATE""").param("l", loanId)
                .query((rs, n) -> new Paid(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)))
                .optional().orElse(null);
        if (p == null) return;
        BigDecimal toPool = CompensationScheme.recoveryToPool(amount, p.amount(), p.loss()).min(p.amount().subtract(p.returned()));
        jdbc.sql("INSERT INTO claim_recovery (claim_id, amount_yuan, to_pool, recorded_by) VALUES (:c, :a, :t, :by)")
                .param("c", p.id()).param("a", amount).param("t", toPool).param("by", user.id()).update();
        if (toPool.signum() > 0) {
            jdbc.sql("UPDATE compensation_claim SET returned_yuan = returned_yuan + :t, updated_at = now() WHERE id = :c")
                    .param("t", toPool).param("c", p.id()).update();
            jdbc.sql("UPDATE risk_pool SET returned_yuan = returned_yuan + :t, updated_at = now() WHERE id = :p")
                    .param("t", toPool).param("p", p.pool()).update();
        }
        audit.record(user.username(), "credit.claim.recovery", "compensation_claim:" + p.id(),
                "recovered=" + amount.toPlainString() + "; to_pool=" + toPool.toPlainString(), ip);
    }
}
