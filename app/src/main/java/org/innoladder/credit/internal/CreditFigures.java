package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The bureau's and leader's figures of 科创积分贷 within a region subtree: the funnel (white-listed, consented → applied
 * → approved → disbursed), amounts and the non-performing ratio per bank and per child region (the drill-down), and the pools.
 */
@Service
public class CreditFigures {
    private final JdbcClient jdbc;

    public CreditFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Funnel(long whiteListed, long consented, long applied, long approved, long disbursed) {
    }

    /** One line of a breakdown: loans applied, disbursed (count and yuan), outstanding and non-performing yuan. */
    public record Line(String key, String name, long applied, long disbursed, BigDecimal disbursedYuan,
                       BigDecimal outstandingYuan, BigDecimal nonPerformingYuan) {
        /** Non-performing share of the outstanding book (null when nothing is outstanding). */
        public BigDecimal nplRatio() {
            BigDecimal book = outstandingYuan.add(nonPerformingYuan);
            return book.signum() == 0 ? null : nonPerformingYuan.divide(book, 4, RoundingMode.HALF_UP);
        }
    }

    static final String APPROVED_OR_LATER = "('APPROVED','CONTRACTED','DISBURSED','REPAYING','CLOSED','OVERDUE','NON_PERFORMING','COMPENSATION_CLAIMED','COMPENSATED')";
    static final String DISBURSED_OR_LATER = "('DISBURSED','REPAYING','CLOSED','OVERDUE','NON_PERFORMING','COMPENSATION_CLAIMED','COMPENSATED')";
    static final String NPL = "('NON_PERFORMING','COMPENSATION_CLAIMED','COMPENSATED')";

    public Funnel funnel(String region) {
        String prefix = region + "%";
        // enterprises of the region on a white list in force (of the region, above it or below it)
        long whiteListed = jdbc.sql("SELECT count(DISTINCT w.enterprise_id) FROM white_list_entry w JOIN enterprise e ON e.id = w.enterprise_id "
                        + "WHERE w.listed AND e.region_code LIKE :p AND w.list_id IN (" + WhiteLists.CURRENT + ")")
                .param("p", prefix).query(Long.class).single();
        long consented = jdbc.sql("""
                SELECT count(DISTINCT ba.enterprise_id) FROM bank_authorisation ba JOIN enterprise e ON e.id = ba.enterprise_id
                WHERE e.region_code LIKE :p AND ba.revoked_at IS NULL AND ba.expires_at > now()""")
                .param("p", prefix).query(Long.class).single();
        return jdbc.sql("SELECT count(*) FILTER (WHERE status NOT IN ('OFFERED')), count(*) FILTER (WHERE status IN " + APPROVED_OR_LATER
                        + "), count(*) FILTER (WHERE status IN " + DISBURSED_OR_LATER + ") FROM loan WHERE region_code LIKE :p")
                .param("p", prefix).query((rs, n) -> new Funnel(whiteListed, consented, rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private static String sums() {
        return "count(*) FILTER (WHERE l.status <> 'OFFERED'), count(*) FILTER (WHERE l.status IN " + DISBURSED_OR_LATER + "),"
                + " coalesce(sum(l.disbursed_yuan) FILTER (WHERE l.status IN " + DISBURSED_OR_LATER + "), 0),"
                + " coalesce(sum(l.outstanding_yuan) FILTER (WHERE l.status IN ('DISBURSED','REPAYING','OVERDUE')), 0),"
                + " coalesce(sum(l.outstanding_yuan) FILTER (WHERE l.status IN " + NPL + "), 0)";
    }

    public List<Line> byBank(String region) {
        return jdbc.sql("SELECT b.code, b.name, " + sums() + " FROM loan l JOIN bank b ON b.id = l.bank_id"
                        + " WHERE l.region_code LIKE :p GROUP BY b.code, b.name ORDER BY b.code")
                .param("p", region + "%").query((rs, n) -> line(rs)).list();
    }

    /** The child regions of {@code region} (province 2 → city 4 → district 6 → town 9 digits). */
    public List<Line> byRegion(String region) {
        int len = childLength(region);
        return jdbc.sql("SELECT l.k, coalesce(r.name, l.k), " + sums()
                        + " FROM (SELECT left(l0.region_code, :len) AS k, l0.* FROM loan l0 WHERE l0.region_code LIKE :p) l"
                        + " LEFT JOIN region r ON r.code = l.k GROUP BY l.k, r.name ORDER BY l.k")
                .param("len", len).param("p", region + "%").query((rs, n) -> line(rs)).list();
    }

    public static int childLength(String region) {
        return switch (region.length()) {
            case 2 -> 4;
            case 4 -> 6;
            default -> 9;
        };
    }

    private static Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Line(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7));
    }
}
