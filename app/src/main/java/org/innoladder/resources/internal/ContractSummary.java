package org.innoladder.resources.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly summary of the technology contracts ({@code tech_contract_summary}, V146): per month, kind, side (S as
 * seller, B as buyer), every prefix of that party's region code ('' and each level down to the town) and whether the
 * other party lies under the same prefix — the count and the two amounts. The statistics of any region and year read a
 * few hundred of its rows instead of the year's contracts. Kept in the writer's transaction: {@link #add} with +1 for a
 * new contract, −1 and +1 for a changed one.
 */
final class ContractSummary {
    /** The same as the migration's, from the contracts registered: for a bulk load (the benchmark) or a repair. */
    static final String REBUILD = """
            INSERT INTO tech_contract_summary (month, kind, side, region, other_inside, contracts, amount_yuan, tech_amount_yuan)
            SELECT CAST(date_trunc('month', c.signed_on) AS date), c.kind, s.side, s.prefix, s.other LIKE s.prefix || '%', count(*),
                   sum(c.amount_yuan), sum(c.tech_amount_yuan)
            FROM tech_contract c
            CROSS JOIN LATERAL (
                SELECT DISTINCT 'S' AS side, p AS prefix, c.buyer_region AS other
                FROM unnest(ARRAY['', left(c.seller_region, 2), left(c.seller_region, 4), left(c.seller_region, 6), c.seller_region]) p
                UNION ALL
                SELECT DISTINCT 'B', p, c.seller_region
                FROM unnest(ARRAY['', left(c.buyer_region, 2), left(c.buyer_region, 4), left(c.buyer_region, 6), c.buyer_region]) p) s
            GROUP BY 1, 2, 3, 4, 5""";

    private ContractSummary() {
    }

    /** '' and every level of the code (2, 4, 6 digits and the code itself), without repeats. */
    static Set<String> prefixes(String region) {
        Set<String> out = new LinkedHashSet<>();
        out.add("");
        for (int n : new int[] {2, 4, 6}) if (region.length() >= n) out.add(region.substring(0, n));
        out.add(region);
        return out;
    }

    /** Adds the contract to the summary ({@code sign} +1) or takes it out (−1), in one statement. */
    static void add(JdbcClient jdbc, Contracts.Contract c, int sign) {
        List<String> values = new ArrayList<>();
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("month", c.signedOn().withDayOfMonth(1));
        p.put("kind", c.kind().name());
        p.put("n", (long) sign);
        p.put("a", c.amountYuan().multiply(BigDecimal.valueOf(sign)));
        p.put("t", c.techAmountYuan().multiply(BigDecimal.valueOf(sign)));
        int i = 0;
        for (String side : new String[] {"S", "B"}) {
            String mine = side.equals("S") ? c.sellerRegion() : c.buyerRegion();
            String other = side.equals("S") ? c.buyerRegion() : c.sellerRegion();
            for (String prefix : prefixes(mine)) {
                values.add("(:side" + i + ", :region" + i + ", :inside" + i + ")");
                p.put("side" + i, side);
                p.put("region" + i, prefix);
                p.put("inside" + i, other.startsWith(prefix));
                i++;
            }
        }
        jdbc.sql("INSERT INTO tech_contract_summary AS s (month, kind, side, region, other_inside, contracts, amount_yuan, tech_amount_yuan)"
                        + " SELECT :month, :kind, v.side, v.region, v.inside, :n, :a, :t FROM (VALUES " + String.join(", ", values)
                        + ") AS v (side, region, inside) ON CONFLICT (region, month, kind, side, other_inside) DO UPDATE"
                        + " SET contracts = s.contracts + EXCLUDED.contracts, amount_yuan = s.amount_yuan + EXCLUDED.amount_yuan,"
                        + " tech_amount_yuan = s.tech_amount_yuan + EXCLUDED.tech_amount_yuan")
                .params(p).update();
        if (sign < 0) {
            // a group emptied by a changed contract leaves no row (a zero row would differ from the rebuilt summary)
            jdbc.sql("DELETE FROM tech_contract_summary WHERE month = :month AND kind = :kind AND contracts = 0").params(p).update();
        }
    }
}
