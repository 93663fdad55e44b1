package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Financial products (金融产品) banks publish and edit (their own only), and the matching of one enterprise against
 * them: the products it meets, and those it misses by one criterion with that criterion as the gap, each with the
 * amount that applies to it (its revenue or tier band, else the product's range).
 */
@Service
public class Products {
    public enum Kind {
        CREDIT("信用贷", "credit loan"), IP_PLEDGE("知识产权质押", "IP pledge"), POINTS("积分贷", "points loan"),
        EQUITY_DEBT("股债联动", "equity-debt linked");

        private final String zh, en;

        Kind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }
    }

    public record Product(long id, long bankId, String bankName, String code, String name, Kind kind,
                          BigDecimal amountMin, BigDecimal amountMax, BigDecimal rateMin, BigDecimal rateMax,
                          int termMonths, boolean poolCovered, ProductRule rule, AmountBands bands, boolean active) {
        /** The highest amount for an enterprise with these facts: its band's, else the product's own. */
        public AmountBands.Applicable applicable(CreditFacts.Facts f) {
            Object revenue = f == null ? null : f.yearFacts().get("sales_revenue");
            AmountBands.Applicable a = bands.applicable(revenue instanceof Number n ? n.doubleValue() : null,
                    f == null ? List.of() : f.tiers());
            return a != null ? a : new AmountBands.Applicable(amountMax, "", "");
        }
    }

    public record Match(Product product, ProductRule.Verdict verdict, AmountBands.Applicable applicable) {
        public String gapZh() {
            return verdict.unmet().isEmpty() ? "" : gap(verdict.unmet().get(0), true);
        }

        public String gapEn() {
            return verdict.unmet().isEmpty() ? "" : gap(verdict.unmet().get(0), false);
        }

        private static String gap(ProductRule.Check c, boolean zh) {
            String text = zh ? c.criterion().zh() : c.criterion().en();
            if (c.met() == ProductRule.Met.UNKNOWN) return zh ? "缺少数据，无法判断：" + text : "data missing to judge: " + text;
            return zh ? "尚未满足：" + text : "not yet met: " + text;
        }
    }

    public record Matching(CreditFacts.Facts facts, List<Match> matched, List<Match> near) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CreditFacts facts;
    private final Map<String, ProductRule> compiled = new ConcurrentHashMap<>();

    private final AuditTrail audit;

    public Products(JdbcClient jdbc, JsonMapper json, CreditFacts facts, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.json = json;
        this.facts = facts;
    }

    ProductRule rule(String eligibilityJson) {
        return compiled.computeIfAbsent(eligibilityJson, j -> {
            List<Map<String, String>> list = json.readValue(j, new TypeReference<List<Map<String, String>>>() { });
            List<ProductRule.Criterion> cs = new ArrayList<>();
            for (Map<String, String> m : list) cs.add(new ProductRule.Criterion(m.get("id"), m.get("zh"), m.get("en"), m.get("condition")));
            return ProductRule.of(cs);
        });
    }

    private static final String SELECT = """
            SELECT p.id, p.bank_id, b.name, p.code, p.name, p.kind, p.amount_min_yuan, p.amount_max_yuan, p.rate_min,
                   p.rate_max, p.term_months, p.pool_covered, p.eligibility::text, p.band_basis, p.amount_bands::text, p.active
            FROM credit_product p JOIN bank b ON b.id = p.bank_id
            """;

    private Product row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Product(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Kind.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                rs.getBigDecimal(10), rs.getInt(11), rs.getBoolean(12), rule(rs.getString(13)),
                AmountBands.of(rs.getString(14), json.readValue(rs.getString(15), new TypeReference<List<Map<String, Object>>>() { })),
                rs.getBoolean(16));
    }

    public List<Product> active(Long bankId) {
        return jdbc.sql(SELECT + " WHERE p.active AND (CAST(:bank AS bigint) IS NULL OR p.bank_id = :bank) ORDER BY b.code, p.code")
                .param("bank", bankId).query((rs, n) -> row(rs)).list();
    }

    /** Every product of a bank, withdrawn ones too (the bank's own list). */
    public List<Product> ofBank(long bankId) {
        return jdbc.sql(SELECT + " WHERE p.bank_id = :bank ORDER BY p.active DESC, p.code").param("bank", bankId)
                .query((rs, n) -> row(rs)).list();
    }

    /** An active product (what enterprises apply for and banks offer). */
    public Product product(long id) {
        return jdbc.sql(SELECT + " WHERE p.active AND p.id = :id").param("id", id).query((rs, n) -> row(rs)).optional().orElse(null);
    }

    /** A product of the user's bank, active or not; another bank's or none is 404 (never a hint that it exists). */
    public Product own(CurrentUser user, long id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id AND p.bank_id = :bank").param("id", id)
                .param("bank", user.bankId() == null ? -1L : user.bankId()).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> new NotFoundException("未找到本行产品 " + id, "no product " + id + " of your bank"));
    }

    /**
     * Creates (id null) or changes one of the bank's own products from the form; every field is checked and a bad
     * one named, the eligibility criteria compiled with the line and column of a CEL error. Audited.
     */
    @Transactional
    public long save(CurrentUser user, Long id, ProductDraft draft, String ip) {
        if (user.role() != Role.BANK || user.bankId() == null) {
            throw new OutOfScopeException("bank", null, "只有银行用户可以发布金融产品", "only a bank user publishes products", false);
        }
        if (id != null) own(user, id);
        ProductDraft.Checked c = draft.check();
        String eligibility = json.writeValueAsString(c.criteria().stream().map(x -> Map.of("id", x.id(), "zh", x.zh(), "en", x.en(),
                "condition", x.condition())).toList());
        String bands = json.writeValueAsString(c.bands().json());
        boolean taken = jdbc.sql("SELECT count(*) FROM credit_product WHERE bank_id = :bank AND code = :code AND id <> :id")
                .param("bank", user.bankId()).param("code", c.code()).param("id", id == null ? -1L : id).query(Long.class).single() > 0;
        if (taken) throw new BadParameterException("code", c.code(), "本行已有这个产品代码", "your bank has a product with this code already");
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("bank", user.bankId());
        p.put("code", c.code());
        p.put("name", c.name());
        p.put("kind", c.kind().name());
        p.put("min", c.amountMin());
        p.put("max", c.amountMax());
        p.put("rmin", c.rateMin());
        p.put("rmax", c.rateMax());
        p.put("term", c.termMonths());
        p.put("elig", eligibility);
        p.put("covered", c.poolCovered());
        p.put("basis", c.bands().basis() == null ? null : c.bands().basis().name());
        p.put("bands", bands);
        p.put("active", c.active());
        long saved;
        if (id == null) {
            saved = jdbc.sql("""
                    INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max,
                        term_months, eligibility, pool_covered, band_basis, amount_bands, active)
                    VALUES (:bank, :code, :name, :kind, :min, :max, :rmin, :rmax, :term, CAST(:elig AS jsonb), :covered, :basis,
                        CAST(:bands AS jsonb), :active) RETURNING id""").params(p).query(Long.class).single();
        } else {
            p.put("id", id);
            jdbc.sql("""
                    UPDATE credit_product SET code = :code, name = :name, kind = :kind, amount_min_yuan = :min, amount_max_yuan = :max,
                        rate_min = :rmin, rate_max = :rmax, term_months = :term, eligibility = CAST(:elig AS jsonb),
                        pool_covered = :covered, band_basis = :basis, amount_bands = CAST(:bands AS jsonb), active = :active,
                        updated_at = now()
                    WHERE id = :id AND bank_id = :bank""").params(p).update();
            saved = id;
        }
        audit.record(user.username(), id == null ? "credit.product.create" : "credit.product.update", "credit_product:" + saved,
                c.code() + " " + c.kind() + " " + c.amountMin().toPlainString() + "-" + c.amountMax().toPlainString()
                        + (c.bands().isEmpty() ? "" : "; bands " + c.bands().basis() + " " + bands) + (c.active() ? "" : "; withdrawn"), ip);
        return saved;
    }

    /** The highest amount an enterprise may apply for: its band's (read in its own scope), else the product's. */
    public AmountBands.Applicable applicableTo(Product p, long enterpriseId, String creditCode) {
        if (p.bands().isEmpty()) return new AmountBands.Applicable(p.amountMax(), "", "");
        DataScope own = new DataScope.OwnEnterprise(enterpriseId);
        return p.applicable(facts.of(null, p.bands().basis() == AmountBands.Basis.REVENUE ? own : null,
                p.bands().basis() == AmountBands.Basis.TIER ? own : null, enterpriseId, creditCode));
    }

    /** The enterprise's own matching: its own scope reads every part. */
    public Matching forEnterprise(CurrentUser user, long enterpriseId, String creditCode) {
        DataScope own = new DataScope.OwnEnterprise(enterpriseId);
        CreditFacts.Facts f = facts.of(own, own, own, enterpriseId, creditCode);
        List<Match> matched = new ArrayList<>(), near = new ArrayList<>();
        for (Product p : active(null)) {
            ProductRule.Verdict v = p.rule().check(f.points(), f.yearFacts(), f.tiers());
            if (v.matches()) matched.add(new Match(p, v, p.applicable(f)));
            else if (v.near()) near.add(new Match(p, v, p.applicable(f)));
        }
        return new Matching(f, matched, near);
    }
}
