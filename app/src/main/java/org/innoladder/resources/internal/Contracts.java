package org.innoladder.resources.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.innoladder.identity.DataScope;
import org.innoladder.web.ResultPage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The registered technology contracts (技术合同): a contract is seen by the scopes of its buyer's and its seller's
 * region; the list, the one write of a row (keyed by contract number), and the statistics of a region and year — by
 * direction (技术输出: the seller in the region; 技术吸纳: the buyer in it; each split by whether the other party lies
 * inside or outside it), by kind, and per district or town. Amounts in yuan.
 */
@Service
public class Contracts {
    public record Contract(long id, String contractNo, ContractKind kind, String buyerName, String buyerCreditCode, String buyerRegion,
                           String sellerName, String sellerCreditCode, String sellerRegion, BigDecimal amountYuan,
                           BigDecimal techAmountYuan, LocalDate signedOn) {
    }

    /** Filters; null means any. {@code region} is a code already checked against the scope; {@code year} of signing. */
    public record Filter(String region, Integer year, ContractKind kind, String text) {
    }

    /** A count with its contract amount and technology-transaction amount (yuan). */
    public record Sum(long count, BigDecimal amountYuan, BigDecimal techAmountYuan) {
        static final Sum ZERO = new Sum(0, BigDecimal.ZERO, BigDecimal.ZERO);

        Sum plus(Sum o) {
            return new Sum(count + o.count, amountYuan.add(o.amountYuan), techAmountYuan.add(o.techAmountYuan));
        }

        Sum minus(Sum o) {
            return new Sum(count - o.count, amountYuan.subtract(o.amountYuan), techAmountYuan.subtract(o.techAmountYuan));
        }
    }

    /**
     * The flows of a region: outflow (seller inside) and inflow (buyer inside), each with the part that crosses the
     * region's border, and the trade inside it (both parties inside).
     */
    public record Directions(Sum outflow, Sum outflowExternal, Sum inflow, Sum inflowExternal, Sum local) {
        /** The five in the order a page shows them, each with its key. */
        public List<Map.Entry<String, Sum>> lines() {
            return List.of(Map.entry("outflow", outflow), Map.entry("outflowExternal", outflowExternal), Map.entry("inflow", inflow),
                    Map.entry("inflowExternal", inflowExternal), Map.entry("local", local));
        }
    }

    /** One kind's sum. */
    public record KindSum(ContractKind kind, Sum sum) {
    }

    /** One district's or town's outflow (as seller) and inflow (as buyer). */
    public record RegionSum(String regionCode, Sum outflow, Sum inflow) {
    }

    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    static final String COLUMNS = "c.id, c.contract_no, c.kind, c.buyer_name, c.buyer_credit_code, c.buyer_region, c.seller_name,"
            + " c.seller_credit_code, c.seller_region, c.amount_yuan, c.tech_amount_yuan, c.signed_on";

    static final RowMapper<Contract> ROW = (rs, n) -> new Contract(rs.getLong(1), rs.getString(2), ContractKind.valueOf(rs.getString(3)),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
            rs.getBigDecimal(11), rs.getObject(12, LocalDate.class));

    private final JdbcClient jdbc;

    public Contracts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The region code prefix the scope sees ("" for all), or null for scopes that name no region (they see none). */
    static String scopeRoot(DataScope scope) {
        if (scope instanceof DataScope.All) return "";
        if (scope instanceof DataScope.RegionSubtree r) return r.regionCode();
        return null;
    }

    /** The region the figures are about: the filter's, else the scope's root ("" for all). */
    public static String focus(DataScope scope, Filter f) {
        return f.region() != null ? f.region() : Objects.requireNonNullElse(scopeRoot(scope), "");
    }

    static String where(DataScope scope, Filter f, Map<String, Object> p) {
        String root = scopeRoot(scope);
        if (root == null) return " WHERE false";
        StringBuilder w = new StringBuilder(" WHERE (c.buyer_region LIKE :scope_root OR c.seller_region LIKE :scope_root)");
        p.put("scope_root", root + "%");
        if (f.region() != null) {
            w.append(" AND (c.buyer_region LIKE :region OR c.seller_region LIKE :region)");
            p.put("region", f.region() + "%");
        }
        if (f.year() != null) {
            w.append(" AND c.signed_on BETWEEN :from AND :to");
            p.put("from", LocalDate.of(f.year(), 1, 1));
            p.put("to", LocalDate.of(f.year(), 12, 31));
        }
        if (f.kind() != null) {
            w.append(" AND c.kind = :kind");
            p.put("kind", f.kind().name());
        }
        if (f.text() != null && !f.text().isBlank()) {
            w.append(" AND (c.contract_no = :exact OR c.buyer_name ILIKE :text OR c.seller_name ILIKE :text"
                    + " OR c.buyer_credit_code = :exact OR c.seller_credit_code = :exact)");
            p.put("exact", f.text().strip().toUpperCase(java.util.Locale.ROOT));
            p.put("text", "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return w.toString();
    }

    public ResultPage<Contract> list(DataScope scope, Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        // without a search text the total is the summary's: the contracts with the seller or the buyer in the region
        long total = f.text() == null || f.text().isBlank()
                ? statistics(scope, f).byKind().stream().mapToLong(k -> k.sum().count()).sum()
                : jdbc.sql("SELECT count(*) FROM tech_contract c" + where).params(p).query(Long.class).single();
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        return ResultPage.of(jdbc.sql("SELECT " + COLUMNS + " FROM tech_contract c" + where
                + " ORDER BY c.signed_on DESC, c.id DESC LIMIT :limit OFFSET :offset").params(p).query(ROW).list(), page, size, total);
    }

    public List<Contract> all(DataScope scope, Filter f, int max) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        p.put("limit", max);
        return jdbc.sql("SELECT " + COLUMNS + " FROM tech_contract c" + where + " ORDER BY c.signed_on, c.id LIMIT :limit")
                .params(p).query(ROW).list();
    }

    /** The flows of the focus region and the sums per kind (every kind listed), from one pass over the contracts. */
    public record Statistics(Directions directions, List<KindSum> byKind) {
    }

    /**
     * The statistics of the filter's focus region. Without a search text they are read from the monthly summary (a few
     * hundred rows whatever the number of contracts); a search text needs the contracts themselves.
     */
    public Statistics statistics(DataScope scope, Filter f) {
        if (f.text() != null && !f.text().isBlank()) return rawStatistics(scope, f);
        if (scopeRoot(scope) == null) return rawStatistics(scope, f);
        Map<String, Sum[]> rows = new HashMap<>();
        // per kind: [S inside, S outside, B inside, B outside]
        summary(scope, f, "s.region = :focus", "s.kind, s.side, s.other_inside", (rs) -> {
            Sum[] r = rows.computeIfAbsent(rs.getString(1), k -> new Sum[] {Sum.ZERO, Sum.ZERO, Sum.ZERO, Sum.ZERO});
            r[(rs.getString(2).equals("S") ? 0 : 2) + (rs.getBoolean(3) ? 0 : 1)] = sum(rs, 4);
        });
        List<KindSum> byKind = new ArrayList<>();
        Sum[] flows = {Sum.ZERO, Sum.ZERO, Sum.ZERO, Sum.ZERO, Sum.ZERO};
        for (ContractKind k : ContractKind.values()) {
            Sum[] r = rows.getOrDefault(k.name(), new Sum[] {Sum.ZERO, Sum.ZERO, Sum.ZERO, Sum.ZERO});
            Sum outflow = r[0].plus(r[1]), inflow = r[2].plus(r[3]), local = r[0];
            byKind.add(new KindSum(k, outflow.plus(inflow).minus(local)));
            Sum[] kindFlows = {outflow, r[1], inflow, r[3], local};
            for (int i = 0; i < flows.length; i++) flows[i] = flows[i].plus(kindFlows[i]);
        }
        return new Statistics(new Directions(flows[0], flows[1], flows[2], flows[3], flows[4]), byKind);
    }

    @FunctionalInterface
    private interface SummaryRow {
        void accept(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** Sums of the summary's rows of the filter's months and kind matching {@code where}, grouped as asked. */
    private void summary(DataScope scope, Filter f, String where, String groups, SummaryRow row) {
        Map<String, Object> p = new HashMap<>();
        p.put("focus", focus(scope, f));
        StringBuilder sql = new StringBuilder("SELECT ").append(groups).append(", sum(s.contracts), sum(s.amount_yuan), sum(s.tech_amount_yuan)"
                + " FROM tech_contract_summary s WHERE ").append(where);
        if (f.year() != null) {
            sql.append(" AND s.month BETWEEN :from AND :to");
            p.put("from", LocalDate.of(f.year(), 1, 1));
            p.put("to", LocalDate.of(f.year(), 12, 1));
        }
        if (f.kind() != null) {
            sql.append(" AND s.kind = :kind");
            p.put("kind", f.kind().name());
        }
        sql.append(" GROUP BY ").append(groups);
        jdbc.sql(sql.toString()).params(p).query((rs, n) -> {
            row.accept(rs);
            return 0;
        }).list();
    }

    /** The statistics from the contracts themselves: one grouped pass, the flows summed over the kinds. */
    Statistics rawStatistics(DataScope scope, Filter f) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        p.put("focus", focus(scope, f) + "%");
        // each contract's two sides are matched once (s: the seller inside, b: the buyer inside), then summed
        String[] conditions = {"true", "s", "s AND NOT b", "b", "b AND NOT s", "s AND b"};
        StringBuilder sql = new StringBuilder("SELECT x.kind");
        for (String condition : conditions) sql.append(", ").append(sums("(" + condition + ")", "x"));
        sql.append(" FROM (SELECT c.kind, c.amount_yuan, c.tech_amount_yuan, c.seller_region LIKE :focus AS s,"
                + " c.buyer_region LIKE :focus AS b FROM tech_contract c").append(where).append(") x GROUP BY x.kind");
        Map<String, Sum[]> rows = new HashMap<>();
        jdbc.sql(sql.toString()).params(p).query((rs, n) -> {
            Sum[] sums = new Sum[conditions.length];
            for (int i = 0; i < sums.length; i++) sums[i] = sum(rs, 2 + 3 * i);
            return rows.put(rs.getString(1), sums);
        }).list();
        List<KindSum> byKind = new ArrayList<>();
        Sum[] flows = {Sum.ZERO, Sum.ZERO, Sum.ZERO, Sum.ZERO, Sum.ZERO};
        for (ContractKind k : ContractKind.values()) {
            Sum[] r = rows.get(k.name());
            byKind.add(new KindSum(k, r == null ? Sum.ZERO : r[0]));
            for (int i = 0; r != null && i < flows.length; i++) flows[i] = flows[i].plus(r[i + 1]);
        }
        return new Statistics(new Directions(flows[0], flows[1], flows[2], flows[3], flows[4]), byKind);
    }

    /** Per district (or per town inside a district) of the focus region: its outflow as seller and inflow as buyer. */
    public List<RegionSum> byRegion(DataScope scope, Filter f) {
        if (f.text() != null && !f.text().isBlank() || scopeRoot(scope) == null) return rawByRegion(scope, f);
        int length = focus(scope, f).length() >= 6 ? 9 : 6;
        Map<String, Sum[]> rows = new java.util.TreeMap<>();
        summary(scope, f, "s.region LIKE :focus || '%' AND length(s.region) = " + length, "s.region, s.side", rs -> {
            Sum[] r = rows.computeIfAbsent(rs.getString(1), k -> new Sum[] {Sum.ZERO, Sum.ZERO});
            r[rs.getString(2).equals("S") ? 0 : 1] = sum(rs, 3);
        });
        List<RegionSum> out = new ArrayList<>();
        rows.forEach((k, r) -> out.add(new RegionSum(k, r[0], r[1])));
        return out;
    }

    /** The same from the contracts themselves. */
    List<RegionSum> rawByRegion(DataScope scope, Filter f) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        String focus = focus(scope, f);
        p.put("focus", focus + "%");
        int length = focus.length() >= 6 ? 9 : 6;
        String sql = "SELECT k, " + sums("side = 'S'", "x") + ", " + sums("side = 'B'", "x") + " FROM ("
                + "SELECT left(c.seller_region, " + length + ") AS k, 'S' AS side, c.amount_yuan, c.tech_amount_yuan FROM tech_contract c"
                + where + " AND c.seller_region LIKE :focus AND length(c.seller_region) >= " + length
                + " UNION ALL SELECT left(c.buyer_region, " + length + "), 'B', c.amount_yuan, c.tech_amount_yuan FROM tech_contract c"
                + where + " AND c.buyer_region LIKE :focus AND length(c.buyer_region) >= " + length
                + ") x GROUP BY k ORDER BY k";
        return jdbc.sql(sql).params(p).query((rs, n) -> new RegionSum(rs.getString(1), sum(rs, 2), sum(rs, 5))).list();
    }

    private static String sums(String condition, String alias) {
        return "count(*) FILTER (WHERE " + condition + "), coalesce(sum(" + alias + ".amount_yuan) FILTER (WHERE " + condition + "), 0),"
                + " coalesce(sum(" + alias + ".tech_amount_yuan) FILTER (WHERE " + condition + "), 0)";
    }

    private static Sum sum(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        return new Sum(rs.getLong(from), rs.getBigDecimal(from + 1), rs.getBigDecimal(from + 2));
    }

    /** Recomputes the monthly summary from the contracts (after a bulk load that bypassed {@link #upsert}, or a repair). */
    public void rebuildSummary() {
        jdbc.sql("DELETE FROM tech_contract_summary").update();
        jdbc.sql(ContractSummary.REBUILD).update();
    }

    /** The latest year, up to the current one, in which a contract of the scope was signed. */
    public Optional<Integer> latestYear(DataScope scope) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, new Filter(null, null, null, null), p);
        p.put("now", LocalDate.now());
        return Optional.ofNullable(jdbc.sql("SELECT CAST(extract(year FROM max(c.signed_on)) AS integer) FROM tech_contract c" + where
                + " AND c.signed_on <= :now").params(p).query(Integer.class).optional().orElse(null));
    }

    Optional<Contract> byNumber(String no) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tech_contract c WHERE c.contract_no = :no").param("no", no).query(ROW).optional();
    }

    /** The region of the registered enterprise with this credit code, if there is one. */
    Optional<String> enterpriseRegion(String creditCode) {
        return jdbc.sql("SELECT region_code FROM enterprise WHERE credit_code = :c").param("c", creditCode).query(String.class).optional();
    }

    boolean regionExists(String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM region WHERE code = :c)").param("c", code).query(Boolean.class).single();
    }

    /** Adds the contract, or replaces it when its number exists (the caller has checked both versions' scope). */
    Outcome upsert(Contract c, long importId) {
        Optional<Contract> old = byNumber(c.contractNo());
        if (old.isPresent() && same(old.get(), c)) return Outcome.UNCHANGED;
        String sql = old.isEmpty()
                ? "INSERT INTO tech_contract (contract_no, kind, buyer_name, buyer_credit_code, buyer_region, seller_name, seller_credit_code,"
                  + " seller_region, amount_yuan, tech_amount_yuan, signed_on, import_id) VALUES (:no, :kind, :bn, :bc, :br, :sn, :sc, :sr,"
                  + " :a, :t, :d, :i)"
                : "UPDATE tech_contract SET kind = :kind, buyer_name = :bn, buyer_credit_code = :bc, buyer_region = :br, seller_name = :sn,"
                  + " seller_credit_code = :sc, seller_region = :sr, amount_yuan = :a, tech_amount_yuan = :t, signed_on = :d,"
                  + " import_id = :i, updated_at = now() WHERE contract_no = :no";
        jdbc.sql(sql).param("no", c.contractNo()).param("kind", c.kind().name()).param("bn", c.buyerName()).param("bc", c.buyerCreditCode())
                .param("br", c.buyerRegion()).param("sn", c.sellerName()).param("sc", c.sellerCreditCode()).param("sr", c.sellerRegion())
                .param("a", c.amountYuan()).param("t", c.techAmountYuan()).param("d", c.signedOn()).param("i", importId).update();
        old.ifPresent(o -> ContractSummary.add(jdbc, o, -1));
        ContractSummary.add(jdbc, c, +1);
        return old.isEmpty() ? Outcome.ADDED : Outcome.UPDATED;
    }

    private static boolean same(Contract a, Contract b) {
        return a.kind() == b.kind() && a.buyerName().equals(b.buyerName()) && Objects.equals(a.buyerCreditCode(), b.buyerCreditCode())
                && a.buyerRegion().equals(b.buyerRegion()) && a.sellerName().equals(b.sellerName())
                && Objects.equals(a.sellerCreditCode(), b.sellerCreditCode()) && a.sellerRegion().equals(b.sellerRegion())
                && a.amountYuan().compareTo(b.amountYuan()) == 0 && a.techAmountYuan().compareTo(b.techAmountYuan()) == 0
                && a.signedOn().equals(b.signedOn());
    }
}
