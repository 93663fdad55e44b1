package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.credit.domain.LoanAction;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.credit.domain.LoanWorkflow;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.policy.PolicyFactsChanged;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.ResultPage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications and loans: the enterprise applies for a product (or accepts a bank's pre-approved offer), the bank
 * moves the loan through its life, the bureau's claim review ends it in compensation. Each step asks
 * {@link LoanWorkflow}, applies the answer with an update guarded by the state it was decided on (two concurrent
 * steps on one loan: the second finds the state changed and is refused), and writes the history row.
 */
@Service
public class Loans {
    private final JdbcClient jdbc;
    private final WriteScope writeScope;
    private final Products products;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public Loans(JdbcClient jdbc, WriteScope writeScope, Products products, AuditTrail audit, Clock clock,
                 ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.writeScope = writeScope;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
    }

    public record Loan(long id, long enterpriseId, String creditCode, String enterpriseName, String regionCode, long bankId,
                       String bankName, Long productId, String productName, LoanStatus status, BigDecimal requested,
                       BigDecimal approved, BigDecimal disbursed, BigDecimal outstanding, BigDecimal recovered,
                       String loanKind, boolean firstLoan, boolean pureCreditOrIpPledge, boolean preApproved,
                       String bankReference, LocalDate disbursedOn, OffsetDateTime updatedAt) {
    }

    public record Event(LoanStatus from, LoanStatus to, LoanAction action, String actor, BigDecimal amount,
                        LocalDate occurredOn, String note, OffsetDateTime at) {
    }

    public record Step(long loanId, LoanStatus from, LoanStatus to, LoanAction action) {
    }

    static final String SELECT = """
            SELECT l.id, l.enterprise_id, e.credit_code, e.name, l.region_code, l.bank_id, b.name, l.product_id, p.name,
                   l.status, l.requested_yuan, l.approved_yuan, l.disbursed_yuan, l.outstanding_yuan, l.recovered_yuan,
                   l.loan_kind, l.first_loan, l.pure_credit_or_ip_pledge, l.pre_approved, l.bank_reference, l.disbursed_on,
                   l.updated_at
            FROM loan l JOIN enterprise e ON e.id = l.enterprise_id JOIN bank b ON b.id = l.bank_id
            LEFT JOIN credit_product p ON p.id = l.product_id
            """;

    static Loan row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Loan(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                rs.getString(7), (Long) rs.getObject(8), rs.getString(9), LoanStatus.valueOf(rs.getString(10)),
                rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBigDecimal(15),
                rs.getString(16), rs.getBoolean(17), rs.getBoolean(18), rs.getBoolean(19), rs.getString(20),
                rs.getObject(21, LocalDate.class), rs.getObject(22, OffsetDateTime.class));
    }

    /** The filter of the loans a user may see: own enterprise, own bank, or the region (bureau, town, leader). */
    public static DataScope.SqlFilter visible(CurrentUser user) {
        return switch (user.role()) {
            case ADMIN -> new DataScope.SqlFilter("true", Map.of());
            case BUREAU, TOWN, LEADER -> new DataScope.SqlFilter("l.region_code LIKE :loan_region", Map.of("loan_region", user.regionCode() + "%"));
            case ENTERPRISE -> new DataScope.SqlFilter("l.enterprise_id = :loan_enterprise",
                    Map.of("loan_enterprise", user.enterpriseId() == null ? -1L : user.enterpriseId()));
            case BANK -> new DataScope.SqlFilter("l.bank_id = :loan_bank", Map.of("loan_bank", user.bankId() == null ? -1L : user.bankId()));
            case EXPERT, SOLVER -> new DataScope.SqlFilter("false", Map.of());
        };
    }

    /** The loan, if the user may see it; otherwise 404 (never a hint that it exists). */
    public Loan get(CurrentUser user, long id) {
        DataScope.SqlFilter f = visible(user);
        return jdbc.sql(SELECT + " WHERE l.id = :id AND " + f.sql()).params(f.params()).param("id", id)
                .query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> new NotFoundException("未找到贷款 " + id + "（或不在您的数据范围内）",
                        "no loan " + id + " (or it is outside your data scope)"));
    }

    public List<Event> history(long loanId) {
        return jdbc.sql("""
                SELECT from_status, to_status, action, actor, amount_yuan, occurred_on, note, at FROM loan_event
                WHERE loan_id = :id ORDER BY id""").param("id", loanId)
                .query((rs, n) -> new Event(rs.getString(1) == null ? null : LoanStatus.valueOf(rs.getString(1)),
                        LoanStatus.valueOf(rs.getString(2)), rs.getString(3) == null || rs.getString(3).equals("APPLY")
                        || rs.getString(3).equals("OFFER") ? null : LoanAction.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getBigDecimal(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    public ResultPage<Loan> list(CurrentUser user, LoanStatus status, int page, int size) {
        DataScope.SqlFilter f = visible(user);
        String where = " WHERE " + f.sql() + (status == null ? "" : " AND l.status = :status");
        Map<String, Object> p = new HashMap<>(f.params());
        if (status != null) p.put("status", status.name());
        long total = count(user, status);
        // the page's ids first, on the loan table alone (an index walk for deep pages), then their names by join
        List<Loan> rows = jdbc.sql(SELECT + " WHERE l.id IN (SELECT l.id FROM loan l" + where
                        + " ORDER BY l.id DESC LIMIT :limit OFFSET :offset) ORDER BY l.id DESC").params(p)
                .param("limit", size).param("offset", (long) (page - 1) * size).query((rs, n) -> row(rs)).list();
        return ResultPage.of(rows, page, size, total);
    }

    /**
     * One page of a loan book, newest first, by keyset: the loans older than {@code before} (the next page) or newer
     * than {@code after} (the previous one), or the newest; {@code page} is the page number the links carry, for
     * display. A page costs an index walk of its own rows whatever its depth (index {@code (bank_id, status, id)} or
     * {@code (bank_id, id)} for a bank), and the count comes from {@link #count}'s short-lived cache.
     */
    public record Book(List<Loan> items, int page, int size, long total, boolean hasNewer, boolean hasOlder) {
        public long totalPages() {
            long pages = (total + size - 1) / size;
            // the count may lag a write by a moment: never hide a page the keyset says is there
            return hasOlder ? Math.max(pages, page + 1L) : Math.max(1, Math.min(pages, page));
        }

        public Long newest() { return items.isEmpty() ? null : items.get(0).id(); }

        public Long oldest() { return items.isEmpty() ? null : items.get(items.size() - 1).id(); }
    }

    public Book book(CurrentUser user, LoanStatus status, Long before, Long after, int page, int size) {
        DataScope.SqlFilter f = visible(user);
        Map<String, Object> p = new HashMap<>(f.params());
        String where = " WHERE " + f.sql() + (status == null ? "" : " AND l.status = :status");
        if (status != null) p.put("status", status.name());
        boolean backwards = before == null && after != null;
        if (before != null) {
            where += " AND l.id < :cursor";
            p.put("cursor", before);
        } else if (after != null) {
            where += " AND l.id > :cursor";
            p.put("cursor", after);
        }
        p.put("limit", size + 1);
        List<Long> ids = new java.util.ArrayList<>(jdbc.sql("SELECT l.id FROM loan l" + where + " ORDER BY l.id "
                + (backwards ? "ASC" : "DESC") + " LIMIT :limit").params(p).query(Long.class).list());
        boolean more = ids.size() > size;
        if (more) ids.remove(ids.size() - 1);
        if (backwards) java.util.Collections.reverse(ids);
        List<Loan> rows = ids.isEmpty() ? List.of() : jdbc.sql(SELECT + " WHERE l.id = ANY(:ids) ORDER BY l.id DESC")
                .param("ids", ids.toArray(Long[]::new)).query((rs, n) -> row(rs)).list();
        boolean hasNewer = backwards ? more : before != null, hasOlder = backwards || more;
        int shown = before == null && after == null ? 1 : Math.max(backwards ? 1 : 2, page);
        return new Book(rows, hasNewer ? Math.max(2, shown) : 1, size, count(user, status), hasNewer, hasOlder);
    }

    /** Loans written since start-up (this process is the only writer); a cached count is good while it is unchanged. */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, long[]> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long COUNT_MILLIS = 15_000;

    /**
     * The number of loans in the user's view (by status): counted once and kept until a loan is written here or 15
     * seconds have passed (a change made in SQL by hand shows within them), so paging does not count the book each time.
     */
    public long count(CurrentUser user, LoanStatus status) {
        DataScope.SqlFilter f = visible(user);
        String key = f.sql() + new java.util.TreeMap<>(f.params()) + "|" + status;
        long now = System.currentTimeMillis(), generation = writes.get();
        long[] c = counts.get(key);
        if (c != null && c[1] == generation && now - c[2] < COUNT_MILLIS) return c[0];
        Map<String, Object> p = new HashMap<>(f.params());
        if (status != null) p.put("status", status.name());
        long n = jdbc.sql("SELECT count(*) FROM loan l WHERE " + f.sql() + (status == null ? "" : " AND l.status = :status"))
                .params(p).query(Long.class).single();
        if (counts.size() > 10_000) counts.clear();
        counts.put(key, new long[]{n, generation, now});
        return n;
    }

    /** The enterprise applies for a product it may see. */
    @Transactional
    public long apply(CurrentUser user, long productId, BigDecimal amount, String purpose, String ip) {
        if (user.role() != Role.ENTERPRISE || user.enterpriseId() == null) {
            throw new OutOfScopeException("enterprise", null, "只有企业用户可以申请贷款", "only an enterprise user applies for a loan", false);
        }
        WriteScope.Enterprise e = writeScope.requireEnterprise(user, user.enterpriseId());
        Products.Product p = products.product(productId);
        if (p == null) throw new BadParameterException("productId", String.valueOf(productId), "没有这个金融产品", "no such product");
        requireWithin(p, amount, products.applicableTo(p, e.id(), e.creditCode()));
        long id = insert(e.id(), e.regionCode(), p, amount, purpose, LoanStatus.SUBMITTED, false);
        event(id, null, LoanStatus.SUBMITTED, "APPLY", user, amount, null, purpose);
        audit.record(user.username(), "credit.loan.apply", "loan:" + id, "product=" + p.code() + "; amount=" + amount, ip);
        return id;
    }

    /**
     * A bank offers a pre-approved line to an enterprise that consented to it, or to a white-list enterprise that
     * agreed to be recommended to partner banks (the bank still reads nothing of its file without consent).
     */
    @Transactional
    public long offer(CurrentUser user, long enterpriseId, long productId, BigDecimal amount, String ip) {
        if (user.role() != Role.BANK || user.bankId() == null) {
            throw new OutOfScopeException("bank", null, "只有银行用户可以发出预授信", "only a bank user makes an offer", false);
        }
        DataScope.SqlFilter f = DataScope.AuthorisedBank.anyConsent(user.bankId()).enterpriseFilter("e");
        DataScope.SqlFilter w = WhiteLists.bankMaySee(user.bankId());
        record Ent(long id, String code, String region) {
        }
        Ent e = jdbc.sql("SELECT e.id, e.credit_code, e.region_code FROM enterprise e WHERE e.id = :id AND ((" + f.sql() + ") OR ("
                        + w.sql() + "))")
                .params(f.params()).params(w.params()).param("id", enterpriseId)
                .query((rs, n) -> new Ent(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional().orElseThrow(() -> new OutOfScopeException("enterpriseId", String.valueOf(enterpriseId),
                        "企业 " + enterpriseId + " 未授权本行、也未在白名单中同意向银行推荐（或不存在）",
                        "enterprise " + enterpriseId + " has neither consented to your bank nor agreed to be recommended from the white list", true));
        Products.Product p = products.product(productId);
        if (p == null || p.bankId() != user.bankId()) {
            throw new BadParameterException("productId", String.valueOf(productId), "不是本行的金融产品", "not a product of your bank");
        }
        requireWithin(p, amount, new AmountBands.Applicable(p.amountMax(), "", ""));
        long id = insert(e.id(), e.region() == null ? "" : e.region(), p, amount, null, LoanStatus.OFFERED, true);
        event(id, null, LoanStatus.OFFERED, "OFFER", user, amount, null, null);
        audit.record(user.username(), "credit.loan.offer", "loan:" + id, "enterprise=" + e.code() + "; amount=" + amount, ip);
        return id;
    }

    /** Within the product's range, and at most the amount of the enterprise's band (revenue or tier) where one applies. */
    private static void requireWithin(Products.Product p, BigDecimal amount, AmountBands.Applicable cap) {
        BigDecimal max = cap.max();
        String band = cap.zh().isEmpty() ? "" : "（" + cap.zh() + "）", bandEn = cap.en().isEmpty() ? "" : " (" + cap.en() + ")";
        if (amount == null || amount.compareTo(p.amountMin()) < 0 || amount.compareTo(max) > 0) {
            throw new BadParameterException("amount", amount == null ? "" : amount.toPlainString(),
                    "金额须在产品额度 " + p.amountMin().toPlainString() + "–" + max.toPlainString() + " 元之间" + band,
                    "the amount must lie within the product's range " + p.amountMin().toPlainString() + " to "
                            + max.toPlainString() + " yuan" + bandEn);
        }
    }

    private long insert(long enterpriseId, String region, Products.Product p, BigDecimal amount, String purpose,
                        LoanStatus status, boolean preApproved) {
        writes.incrementAndGet();
        return jdbc.sql("""
                INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, loan_kind,
                                  first_loan, pure_credit_or_ip_pledge, pre_approved, purpose)
                VALUES (:e, :region, :bank, :product, :status, :amount, 'DIRECT',
                        NOT EXISTS (SELECT 1 FROM loan x WHERE x.enterprise_id = :e AND x.disbursed_on IS NOT NULL),
                        :pure, :pre, :purpose) RETURNING id""")
                .param("e", enterpriseId).param("region", region).param("bank", p.bankId()).param("product", p.id())
                .param("status", status.name()).param("amount", amount).param("pure", p.kind() != Products.Kind.EQUITY_DEBT)
                .param("pre", preApproved).param("purpose", purpose == null ? null : purpose.strip())
                .query(Long.class).single();
    }

    /** Whether the user's scope holds the loan for the action's role (own enterprise, own bank, bureau's region). */
    static boolean covers(CurrentUser user, Loan l) {
        return switch (user.role()) {
            case ENTERPRISE -> user.enterpriseId() != null && user.enterpriseId() == l.enterpriseId();
            case BANK -> user.bankId() != null && user.bankId() == l.bankId();
            case BUREAU -> user.regionCode() != null && l.regionCode().startsWith(user.regionCode());
            default -> false;
        };
    }

    public List<LoanAction> available(CurrentUser user, Loan l) {
        return LoanWorkflow.available(l.status(), new LoanWorkflow.Actor(user.role(), covers(user, l)));
    }

    /** One step on a loan; the claim review calls it for CLAIM, CLAIM_REFUSED and COMPENSATE inside its transaction. */
    @Transactional
    public Step act(CurrentUser user, long loanId, LoanAction action, BigDecimal amount, String reason, LocalDate on, String ip) {
        Loan l = get(user, loanId);
        LoanWorkflow.Decision d = LoanWorkflow.decide(l.status(), action, new LoanWorkflow.Actor(user.role(), covers(user, l)),
                new LoanWorkflow.Input(amount, reason));
        if (!d.allowed()) throw new CreditRefusedException(d.refusal().name(), d.zh(), d.en());
        LocalDate date = on == null ? LocalDate.now(clock) : on;
        String set = switch (action) {
            case APPROVE -> ", approved_yuan = :amount";
            case DISBURSE -> ", disbursed_yuan = :amount, outstanding_yuan = :amount, disbursed_on = :on";
            case REPAY -> ", outstanding_yuan = greatest(coalesce(outstanding_yuan, 0) - :amount, 0)";
            case CLOSE -> ", outstanding_yuan = 0";
            case RECOVER -> ", recovered_yuan = recovered_yuan + :amount";
            default -> "";
        };
        BigDecimal cap = switch (action) {
            case DISBURSE -> l.approved() == null ? l.requested() : l.approved();
            case REPAY -> l.outstanding() == null ? BigDecimal.ZERO : l.outstanding();
            case RECOVER -> (l.disbursed() == null ? BigDecimal.ZERO : l.disbursed()).subtract(l.recovered());
            default -> null;
        };
        if (cap != null && amount.compareTo(cap) > 0) {
            throw new BadParameterException("amount", amount.toPlainString(), "金额不能超过 " + cap.toPlainString() + " 元（"
                    + (action == LoanAction.DISBURSE ? "批准金额" : action == LoanAction.REPAY ? "贷款余额" : "放款金额减已追偿") + "）",
                    "the amount may not exceed " + cap.toPlainString() + " yuan (" + (action == LoanAction.DISBURSE ? "the approved amount"
                    : action == LoanAction.REPAY ? "the outstanding principal" : "disbursed less recovered") + ")");
        }
        if (action == LoanAction.APPROVE && l.approved() == null && amount.compareTo(l.requested()) > 0) {
            throw new BadParameterException("amount", amount.toPlainString(), "批准金额不能超过申请金额 " + l.requested().toPlainString() + " 元",
                    "the approved amount may not exceed the requested " + l.requested().toPlainString() + " yuan");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("to", d.to().name());
        p.put("id", loanId);
        p.put("from", l.status().name());
        p.put("amount", amount);
        p.put("on", date);
        writes.incrementAndGet();
        int n = jdbc.sql("UPDATE loan SET status = :to, updated_at = now()" + set + " WHERE id = :id AND status = :from")
                .params(p).update();
        if (n != 1) {
            throw new CreditRefusedException("CONCURRENT_CHANGE", "贷款状态刚被他人更改，请刷新后重试",
                    "the loan changed meanwhile; reload and try again");
        }
        event(loanId, l.status(), d.to(), action.name(), user, amount, date, reason);
        audit.record(user.username(), "credit.loan." + action.name().toLowerCase(java.util.Locale.ROOT), "loan:" + loanId,
                l.status() + " -> " + d.to() + (amount == null ? "" : "; amount=" + amount.toPlainString()), ip);
        // the credit.* policy facts of the disbursal year changed: after the commit, policies reading them match again
        if (action == LoanAction.DISBURSE) events.publishEvent(new PolicyFactsChanged("credit", l.enterpriseId(), date.getYear()));
        return new Step(loanId, l.status(), d.to(), action);
    }

    private void event(long loanId, LoanStatus from, LoanStatus to, String action, CurrentUser user, BigDecimal amount,
                       LocalDate on, String note) {
        jdbc.sql("""
                INSERT INTO loan_event (loan_id, from_status, to_status, action, actor, actor_id, amount_yuan, occurred_on, note)
                VALUES (:loan, :from, :to, :action, :actor, :actorId, :amount, :on, :note)""")
                .param("loan", loanId).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("action", action).param("actor", user.username()).param("actorId", user.id()).param("amount", amount)
                .param("on", on).param("note", note == null || note.isBlank() ? null : note.strip()).update();
    }
}
