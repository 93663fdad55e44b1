package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Financial products (金融产品) banks publish, and the matching of one enterprise against them: the products it
 * meets, and those it misses by one criterion with that criterion as the gap.
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
                          int termMonths, boolean poolCovered, ProductRule rule) {
    }

    public record Match(Product product, ProductRule.Verdict verdict) {
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

    public Products(JdbcClient jdbc, JsonMapper json, CreditFacts facts) {
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

    public List<Product> active(Long bankId) {
        return jdbc.sql("""
                SELECT p.id, p.bank_id, b.name, p.code, p.name, p.kind, p.amount_min_yuan, p.amount_max_yuan, p.rate_min,
                       p.rate_max, p.term_months, p.pool_covered, p.eligibility::text
                FROM credit_product p JOIN bank b ON b.id = p.bank_id
                WHERE p.active AND (CAST(:bank AS bigint) IS NULL OR p.bank_id = :bank) ORDER BY b.code, p.code""")
                .param("bank", bankId)
                .query((rs, n) -> new Product(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Kind.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10), rs.getInt(11), rs.getBoolean(12), rule(rs.getString(13)))).list();
    }

    public Product product(long id) {
        return active(null).stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    /** The enterprise's own matching: its own scope reads every part. */
    public Matching forEnterprise(CurrentUser user, long enterpriseId, String creditCode) {
        DataScope own = new DataScope.OwnEnterprise(enterpriseId);
        CreditFacts.Facts f = facts.of(own, own, own, enterpriseId, creditCode);
        List<Match> matched = new ArrayList<>(), near = new ArrayList<>();
        for (Product p : active(null)) {
            ProductRule.Verdict v = p.rule().check(f.points(), f.yearFacts(), f.tiers());
            if (v.matches()) matched.add(new Match(p, v));
            else if (v.near()) near.add(new Match(p, v));
        }
        return new Matching(f, matched, near);
    }
}
