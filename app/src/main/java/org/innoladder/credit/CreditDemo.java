package org.innoladder.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.credit.internal.WhiteLists;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Banks;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.rules.credit.Compensation;
import org.innoladder.rules.credit.CompensationClaim;
import org.innoladder.rules.credit.CompensationScheme;
import org.innoladder.rules.credit.CompensationSchemes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credit part of the demo data set, on a database without products: three banks, five products, consents to
 * each bank, several hundred loans in every state (each with the history that leads there), a funded pool for the
 * demo city and claims in every state — so the bank's, the enterprise's and the bureau's pages have figures on first
 * start. Deterministic (fixed seed).
 */
@Component
public class CreditDemo {
    private static final Logger log = LoggerFactory.getLogger(CreditDemo.class);
    static final String CITY = "3204";
    static final int LOANS = 360;
    static final BigDecimal POOL = new BigDecimal("30000000");

    private final JdbcClient jdbc;
    private final Banks banks;
    private final Clock clock;
    private final WhiteLists whiteLists;

    public CreditDemo(JdbcClient jdbc, Banks banks, Clock clock, WhiteLists whiteLists) {
        this.whiteLists = whiteLists;
        this.jdbc = jdbc;
        this.banks = banks;
        this.clock = clock;
    }

    record Product(long id, long bankId, BigDecimal min, BigDecimal max, boolean pure, boolean covered) {
    }

    /** The path of steps from application to each final state: the history the demo writes for a loan. */
    static List<LoanStatus> path(LoanStatus target) {
        List<LoanStatus> p = new ArrayList<>(List.of(LoanStatus.SUBMITTED));
        switch (target) {
            case SUBMITTED -> { }
            case WITHDRAWN -> p.add(LoanStatus.WITHDRAWN);
            case REJECTED -> p.addAll(List.of(LoanStatus.UNDER_REVIEW, LoanStatus.REJECTED));
            case OFFERED -> {
                p.clear();
                p.add(LoanStatus.OFFERED);
            }
            default -> {
                List<LoanStatus> main = List.of(LoanStatus.UNDER_REVIEW, LoanStatus.APPROVED, LoanStatus.CONTRACTED,
                        LoanStatus.DISBURSED, LoanStatus.REPAYING);
                for (LoanStatus s : main) {
                    p.add(s);
                    if (s == target) return p;
                }
                switch (target) {
                    case CLOSED -> p.add(LoanStatus.CLOSED);
                    case OVERDUE -> p.add(LoanStatus.OVERDUE);
                    case NON_PERFORMING -> p.addAll(List.of(LoanStatus.OVERDUE, LoanStatus.NON_PERFORMING));
                    case COMPENSATION_CLAIMED -> p.addAll(List.of(LoanStatus.OVERDUE, LoanStatus.NON_PERFORMING, LoanStatus.COMPENSATION_CLAIMED));
                    case COMPENSATED -> p.addAll(List.of(LoanStatus.OVERDUE, LoanStatus.NON_PERFORMING, LoanStatus.COMPENSATION_CLAIMED,
                            LoanStatus.COMPENSATED));
                    default -> throw new IllegalArgumentException(target.name());
                }
            }
        }
        return p;
    }

    /** Loads the credit demo when no product exists yet; returns whether it loaded. */
    @Transactional
    public boolean ensureLoaded() {
        jdbc.sql("SELECT pg_advisory_xact_lock(20261207)").query().singleRow();
        boolean loaded = !jdbc.sql("SELECT EXISTS (SELECT 1 FROM credit_product)").query(Boolean.class).single() && loadLoans();
        return ensureWhiteList() || loaded;
    }

    /** The example white-list rule, published, and the demo city's list of this year (after the loans: it reads them). */
    boolean ensureWhiteList() {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM white_list_rule)").query(Boolean.class).single()) return false;
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM enterprise WHERE region_code LIKE :city)").param("city", CITY + "%")
                .query(Boolean.class).single()) return false;
        String criteria = """
                [{"id":"percentile","zh":"创新积分位于本阶段前 40%","en":"innovation points in the top 40% of the stage","condition":"points.percentile >= 60.0"},
                 {"id":"tech","zh":"为有效高新技术企业或科技型中小企业","en":"a valid HNTE or TSME","condition":"'HNTE' in tiers || 'TSME' in tiers"},
                 {"id":"no_npl","zh":"在本平台无不良贷款","en":"no non-performing loan on the platform","condition":"credit.non_performing == 0.0"},
                 {"id":"no_overdue","zh":"在本平台无逾期贷款","en":"no overdue loan on the platform","condition":"credit.overdue == 0.0"}]""";
        jdbc.sql("""
                INSERT INTO white_list_rule (region_code, version, status, title, criteria, citation, effective_from, published_at)
                VALUES (:r, 1, 'PUBLISHED', '科技型企业白名单（示例规则）', :c::jsonb, :cit, DATE '2025-01-01', now())""")
                .param("r", CITY).param("c", criteria)
                .param("cit", "示例规则，非官方文件：仿照如皋“建立科技型企业白名单制度”的做法（种子材料）；各项条件和阈值均为本项目的示例默认值")
                .update();
        WhiteLists.Published p = whiteLists.publishAs(null, "system", new DataScope.All(), CITY,
                WhiteLists.Period.parse(String.valueOf(LocalDate.now(clock).getYear())), null);
        // a third of the listed enterprises agree to be recommended, so the banks' white-list section has names
        int recommended = jdbc.sql("""
                INSERT INTO white_list_recommend (enterprise_id, allowed)
                SELECT enterprise_id, true FROM white_list_entry WHERE list_id = :l AND listed AND enterprise_id % 3 = 0""")
                .param("l", p.list().id()).update();
        log.info("Published the demo white list of {} for {}: {} evaluated, {} listed ({} recommended to banks), {} near misses",
                p.list().period(), CITY, p.list().evaluated(), p.list().listed(), recommended, p.list().near());
        return true;
    }

    private boolean loadLoans() {
        List<Long> enterprises = jdbc.sql("SELECT id FROM enterprise WHERE region_code LIKE :city ORDER BY credit_code")
                .param("city", CITY + "%").query(Long.class).list();
        if (enterprises.isEmpty()) return false;
        long demoBank = banks.ensure(DemoAccounts.BANK_CODE, DemoAccounts.BANK_NAME);
        long rural = banks.ensure("CZ-RURAL-BANK", "常州农商银行科技支行（演示）");
        long tech = banks.ensure("JS-TECH-BANK", "江苏科技银行（演示）");
        String points = "[{\"id\":\"points\",\"zh\":\"创新积分不低于 60 分\",\"en\":\"innovation points of at least 60\",\"condition\":\"points.total >= 60.0\"},"
                + "{\"id\":\"credit\",\"zh\":\"无失信或经营异常记录\",\"en\":\"no bad-credit record\",\"condition\":\"!e.bad_credit\"}]";
        String ip = "[{\"id\":\"ip\",\"zh\":\"拥有自主研发知识产权\",\"en\":\"owns IP from its own R&D\",\"condition\":\"e.ip_own_rd\"},"
                + "{\"id\":\"rd\",\"zh\":\"研发费用不少于 100 万元\",\"en\":\"R&D expense of at least 1 million yuan\",\"condition\":\"e.rd_expense >= 1000000.0\"}]";
        String credit = "[{\"id\":\"tech\",\"zh\":\"为有效高新技术企业或科技型中小企业\",\"en\":\"a valid HNTE or TSME\",\"condition\":\"'HNTE' in tiers || 'TSME' in tiers\"},"
                + "{\"id\":\"revenue\",\"zh\":\"销售收入不少于 2000 万元\",\"en\":\"sales revenue of at least 20 million yuan\",\"condition\":\"e.sales_revenue >= 20000000.0\"}]";
        String quick = "[{\"id\":\"percentile\",\"zh\":\"创新积分位于本阶段前 50%\",\"en\":\"innovation points in the top half of the stage\",\"condition\":\"points.percentile >= 50.0\"}]";
        String equity = "[{\"id\":\"equity\",\"zh\":\"当年有股权融资\",\"en\":\"equity financing in the year\",\"condition\":\"e.equity_financing > 0.0\"},"
                + "{\"id\":\"points\",\"zh\":\"创新积分不低于 70 分\",\"en\":\"innovation points of at least 70\",\"condition\":\"points.total >= 70.0\"}]";
        List<Product> products = List.of(
                product(demoBank, "POINTS-LOAN", "科创积分贷", "POINTS", "500000", "5000000", "0.0320", "0.0435", 12, points, true),
                product(demoBank, "IP-PLEDGE", "知识产权质押贷", "IP_PLEDGE", "1000000", "10000000", "0.0350", "0.0480", 36, ip, true),
                product(rural, "TECH-CREDIT", "科技信用贷", "CREDIT", "300000", "3000000", "0.0360", "0.0500", 12, credit, true),
                product(rural, "QUICK-POINTS", "积分快贷", "POINTS", "200000", "2000000", "0.0380", "0.0520", 12, quick, true),
                product(tech, "EQUITY-DEBT", "股债联动贷", "EQUITY_DEBT", "5000000", "30000000", "0.0300", "0.0420", 36, equity, false));
        // amounts by band, as 苏科贷 sets amounts by revenue band (the demo's figures are examples, not a bank's terms)
        bands(products.get(2).id(), "REVENUE", "[{\"from\":0,\"max\":1000000},{\"from\":20000000,\"max\":2000000},{\"from\":100000000,\"max\":3000000}]");
        bands(products.get(0).id(), "TIER", "[{\"tier\":\"TSME\",\"max\":1000000},{\"tier\":\"HNTE\",\"max\":3000000},{\"tier\":\"GAZELLE\",\"max\":5000000}]");
        // consents: every tenth enterprise to the rural bank, every seventh to the tech bank (the demo bank's come with the accounts)
        for (int i = 0; i < enterprises.size(); i++) {
            if (i % 10 == 3) consent(enterprises.get(i), rural);
            if (i % 7 == 5) consent(enterprises.get(i), tech);
        }
        LoanStatus[] states = {LoanStatus.SUBMITTED, LoanStatus.UNDER_REVIEW, LoanStatus.APPROVED, LoanStatus.REJECTED,
                LoanStatus.WITHDRAWN, LoanStatus.OFFERED, LoanStatus.CONTRACTED, LoanStatus.DISBURSED, LoanStatus.REPAYING,
                LoanStatus.REPAYING, LoanStatus.REPAYING, LoanStatus.CLOSED, LoanStatus.CLOSED, LoanStatus.OVERDUE,
                LoanStatus.NON_PERFORMING, LoanStatus.COMPENSATION_CLAIMED, LoanStatus.COMPENSATED};
        Random rnd = new Random(20261207);
        LocalDate today = LocalDate.now(clock);
        long poolId = fundPool(today.getYear());
        CompensationScheme scheme = CompensationSchemes.defaultScheme();
        int claims = 0;
        for (int n = 0; n < LOANS; n++) {
            long enterprise = enterprises.get(rnd.nextInt(enterprises.size()));
            Product p = products.get(rnd.nextInt(products.size()));
            LoanStatus target = states[n % states.length];
            if (!p.covered() && (target == LoanStatus.COMPENSATION_CLAIMED || target == LoanStatus.COMPENSATED)) p = products.get(0);
            BigDecimal amount = p.min().add(p.max().subtract(p.min()).multiply(BigDecimal.valueOf(rnd.nextInt(10)))
                    .divide(BigDecimal.TEN, 0, RoundingMode.DOWN)).setScale(2);
            long loan = loan(enterprise, p, target, amount, today.minusDays(30 + rnd.nextInt(600)), rnd);
            if (target == LoanStatus.COMPENSATION_CLAIMED || target == LoanStatus.COMPENSATED) {
                claim(loan, p, poolId, amount, target, scheme, claims++);
            }
        }
        log.info("Loaded the credit demo: 3 banks, {} products, {} loans, {} claims, a pool of {} yuan for {}",
                products.size(), LOANS, claims, POOL.toPlainString(), CITY);
        return true;
    }

    private void bands(long product, String basis, String bands) {
        jdbc.sql("UPDATE credit_product SET band_basis = :basis, amount_bands = CAST(:bands AS jsonb) WHERE id = :id")
                .param("basis", basis).param("bands", bands).param("id", product).update();
    }

    private Product product(long bank, String code, String name, String kind, String min, String max, String rateMin,
                            String rateMax, int term, String eligibility, boolean covered) {
        long id = jdbc.sql("""
                INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max,
                                            term_months, eligibility, pool_covered)
                VALUES (:bank, :code, :name, :kind, :min, :max, :rmin, :rmax, :term, :elig::jsonb, :covered) RETURNING id""")
                .param("bank", bank).param("code", code).param("name", name).param("kind", kind).param("min", new BigDecimal(min))
                .param("max", new BigDecimal(max)).param("rmin", new BigDecimal(rateMin)).param("rmax", new BigDecimal(rateMax))
                .param("term", term).param("elig", eligibility).param("covered", covered).query(Long.class).single();
        return new Product(id, bank, new BigDecimal(min), new BigDecimal(max), !kind.equals("EQUITY_DEBT"), covered);
    }

    private void consent(long enterprise, long bank) {
        jdbc.sql("""
                INSERT INTO bank_authorisation (enterprise_id, bank_id, granted_at, expires_at, purpose)
                VALUES (:e, :b, now() - interval '10 days', now() + interval '1 year', '科创积分贷授信审查（演示）')""")
                .param("e", enterprise).param("b", bank).update();
    }

    private long fundPool(int year) {
        long id = jdbc.sql("""
                INSERT INTO risk_pool (region_code, period, scheme_code, funded_yuan) VALUES (:r, :y, :s, :a)
                ON CONFLICT (region_code, period) DO UPDATE SET funded_yuan = risk_pool.funded_yuan + :a RETURNING id""")
                .param("r", CITY).param("y", year).param("s", CompensationSchemes.DEFAULT).param("a", POOL).query(Long.class).single();
        jdbc.sql("INSERT INTO risk_pool_funding (pool_id, amount_yuan, note) VALUES (:p, :a, '市级财政注资（演示）')")
                .param("p", id).param("a", POOL).update();
        return id;
    }

    private long loan(long enterprise, Product p, LoanStatus target, BigDecimal amount, LocalDate start, Random rnd) {
        List<LoanStatus> path = path(target);
        boolean disbursed = path.contains(LoanStatus.DISBURSED);
        BigDecimal outstanding = !disbursed ? null : switch (target) {
            case CLOSED -> BigDecimal.ZERO.setScale(2);
            case REPAYING, OVERDUE -> amount.multiply(BigDecimal.valueOf(40 + rnd.nextInt(50))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            default -> amount.multiply(BigDecimal.valueOf(50 + rnd.nextInt(40))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        };
        long id = jdbc.sql("""
                INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, approved_yuan,
                                  disbursed_yuan, outstanding_yuan, first_loan, pure_credit_or_ip_pledge, pre_approved,
                                  bank_reference, disbursed_on, created_at, updated_at)
                SELECT e.id, coalesce(e.region_code, ''), :bank, :product, :status, :amount, :approved, :disbursed, :outstanding,
                       :first, :pure, :pre, :ref, :on, :created, now()
                FROM enterprise e WHERE e.id = :e RETURNING id""")
                .param("e", enterprise).param("bank", p.bankId()).param("product", p.id()).param("status", target.name())
                .param("amount", amount).param("approved", path.contains(LoanStatus.APPROVED) ? amount : null)
                .param("disbursed", disbursed ? amount : null).param("outstanding", outstanding)
                .param("first", rnd.nextInt(3) == 0).param("pure", p.pure()).param("pre", target == LoanStatus.OFFERED)
                .param("ref", disbursed ? "DEMO-" + p.bankId() + "-" + Long.toString(rnd.nextLong() & 0xffffffffL, 36) : null)
                .param("on", disbursed ? start.plusDays(20) : null)
                .param("created", java.sql.Timestamp.valueOf(start.atStartOfDay())).query(Long.class).single();
        LoanStatus from = null;
        LocalDate day = start;
        for (LoanStatus s : path) {
            jdbc.sql("""
                    INSERT INTO loan_event (loan_id, from_status, to_status, action, actor, amount_yuan, occurred_on, note, at)
                    VALUES (:loan, :from, :to, :action, :actor, :amount, :on, :note, :at)""")
                    .param("loan", id).param("from", from == null ? null : from.name()).param("to", s.name())
                    .param("action", action(from, s)).param("actor", from == null && s != LoanStatus.OFFERED ? "enterprise" : "bank")
                    .param("amount", s == LoanStatus.DISBURSED || s == LoanStatus.APPROVED ? amount : null).param("on", day)
                    .param("note", s == LoanStatus.REJECTED || s == LoanStatus.WITHDRAWN ? "演示数据" : null)
                    .param("at", java.sql.Timestamp.valueOf(day.atTime(10, 0))).update();
            from = s;
            day = day.plusDays(5);
        }
        return id;
    }

    static String action(LoanStatus from, LoanStatus to) {
        if (from == null) return to == LoanStatus.OFFERED ? "OFFER" : "APPLY";
        return switch (to) {
            case UNDER_REVIEW -> "REVIEW";
            case APPROVED -> "APPROVE";
            case REJECTED -> "REJECT";
            case WITHDRAWN -> "WITHDRAW";
            case CONTRACTED -> "CONTRACT";
            case DISBURSED -> "DISBURSE";
            case REPAYING -> "REPAY";
            case CLOSED -> "CLOSE";
            case OVERDUE -> "MARK_OVERDUE";
            case NON_PERFORMING -> "MARK_NON_PERFORMING";
            case COMPENSATION_CLAIMED -> "CLAIM";
            case COMPENSATED -> "COMPENSATE";
            default -> throw new IllegalArgumentException(to.name());
        };
    }

    private void claim(long loan, Product p, long poolId, BigDecimal amount, LoanStatus target, CompensationScheme scheme, int n) {
        BigDecimal principal = jdbc.sql("SELECT outstanding_yuan FROM loan WHERE id = :id").param("id", loan).query(BigDecimal.class).single();
        boolean first = jdbc.sql("SELECT first_loan FROM loan WHERE id = :id").param("id", loan).query(Boolean.class).single();
        Compensation c = scheme.compute(new CompensationClaim(String.valueOf(loan), String.valueOf(p.bankId()),
                CompensationClaim.LoanKind.DIRECT, first, p.pure(), false, amount, principal, principal, BigDecimal.ZERO));
        String status = target == LoanStatus.COMPENSATED ? "PAID" : (n % 2 == 0 ? "SUBMITTED" : "REVIEWED");
        jdbc.sql("""
                INSERT INTO compensation_claim (loan_id, bank_id, pool_id, status, nonperforming_principal, bank_loss_total,
                    amount_yuan, share, explanation_zh, explanation_en, evidence, payment_reference)
                VALUES (:loan, :bank, :pool, :status, :principal, :principal, :amount, :share, :zh, :en, :evidence, :ref)""")
                .param("loan", loan).param("bank", p.bankId()).param("pool", poolId).param("status", status)
                .param("principal", principal).param("amount", c.amount()).param("share", c.share())
                .param("zh", c.explanationZh()).param("en", c.explanationEn())
                .param("evidence", "不良贷款认定书、催收记录（演示）").param("ref", status.equals("PAID") ? "DEMO-PAY-" + loan : null).update();
        if (status.equals("PAID")) {
            jdbc.sql("UPDATE risk_pool SET committed_yuan = committed_yuan + :a WHERE id = :p").param("a", c.amount()).param("p", poolId).update();
        }
    }
}
