package org.innoladder.identity;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a user may change data: the one answer every write path asks before it writes, so a page and the API
 * that share a service share the check. The write scope follows the role: ADMIN everything; BUREAU and TOWN their
 * region subtree (TOWN: its town); ENTERPRISE its own enterprise; BANK, EXPERT and LEADER nothing (they may read
 * some enterprises but change none). Which role may take which action stays with each capability; this class
 * answers only "is the target inside the caller's write scope".
 *
 * <p>Refusals are {@link OutOfScopeException}s: a region outside the scope is 403 (regions are public reference
 * data, so naming one reveals nothing); an enterprise the caller cannot even read is 404, one it may read but not
 * change is 403.
 */
@Component
public class WriteScope {
    private final JdbcClient jdbc;

    public WriteScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enterprises whose data the user may change, as a filter like the read scope's. */
    public static DataScope of(CurrentUser user) {
        return switch (user.role()) {
            case ADMIN -> new DataScope.All();
            case BUREAU, TOWN -> new DataScope.RegionSubtree(user.regionCode());
            case ENTERPRISE -> user.enterpriseId() == null ? new DataScope.Nothing() : new DataScope.OwnEnterprise(user.enterpriseId());
            case BANK, EXPERT, LEADER, SOLVER -> new DataScope.Nothing();
        };
    }

    /** Whether the region (and so everything under it) lies inside the user's write scope. */
    public static boolean coversRegion(CurrentUser user, String regionCode) {
        DataScope scope = of(user);
        if (scope instanceof DataScope.All) return true;
        return regionCode != null && scope instanceof DataScope.RegionSubtree s && regionCode.startsWith(s.regionCode());
    }

    /** Whether the user may change data of this enterprise, given the enterprise's id and region (no query). */
    public static boolean coversEnterprise(CurrentUser user, long enterpriseId, String enterpriseRegion) {
        DataScope scope = of(user);
        if (scope instanceof DataScope.All) return true;
        if (scope instanceof DataScope.RegionSubtree s) {
            return enterpriseRegion != null && enterpriseRegion.startsWith(s.regionCode());
        }
        return scope instanceof DataScope.OwnEnterprise o && o.enterpriseId() == enterpriseId;
    }

    /**
     * Refuses (403) a write to a region outside the user's write scope; {@code field} names the request field that
     * carried it. The caller checks first that the region exists.
     */
    public static void requireRegion(CurrentUser user, String regionCode, String field) {
        if (!coversRegion(user, regionCode)) {
            String root = root(user);
            throw new OutOfScopeException(field, regionCode,
                    "区划 " + regionCode + " 不在您的管理范围（" + root + "）内，不能修改",
                    "region " + regionCode + " is outside the scope you may change (" + root + ")", false);
        }
    }

    /** An enterprise the user may change, as found. */
    public record Enterprise(long id, String creditCode, String regionCode) {
    }

    /**
     * The enterprise, when the user may change its data. Refused with 404 when the user cannot read it (or it does
     * not exist), with 403 when the user may read but not change it. Both scopes travel as bound parameters.
     */
    public Enterprise requireEnterprise(CurrentUser user, long enterpriseId) {
        DataScope.SqlFilter read = user.scope().enterpriseFilter("e");
        DataScope.SqlFilter write = of(user).enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(read.params());
        write.params().forEach((k, v) -> {
            Object before = p.put(k, v);
            if (before != null && !before.equals(v)) throw new IllegalStateException("scope parameter " + k + " bound twice");
        });
        p.put("write_target", enterpriseId);
        record Row(Enterprise enterprise, boolean readable, boolean writable) {
        }
        Row row = jdbc.sql("SELECT e.id, e.credit_code, e.region_code, (" + read.sql() + "), (" + write.sql() + ")"
                        + " FROM enterprise e WHERE e.id = :write_target").params(p)
                .query((rs, n) -> new Row(new Enterprise(rs.getLong(1), rs.getString(2), rs.getString(3)), rs.getBoolean(4),
                        rs.getBoolean(5))).optional().orElse(null);
        if (row == null || !row.readable() && !row.writable()) {
            throw new OutOfScopeException("enterprise", String.valueOf(enterpriseId),
                    "未找到企业 " + enterpriseId + "（或不在您的数据范围内）",
                    "no enterprise " + enterpriseId + " (or it is outside your data scope)", true);
        }
        if (!row.writable()) {
            throw new OutOfScopeException("enterprise", row.enterprise().creditCode(),
                    "企业 " + row.enterprise().creditCode() + " 不在您可修改的范围内（" + root(user) + "）",
                    "enterprise " + row.enterprise().creditCode() + " is outside the scope you may change (" + root(user) + ")",
                    false);
        }
        return row.enterprise();
    }

    /** The write scope in words, for messages: a region code, "own enterprise", "everything" or "nothing". */
    static String root(CurrentUser user) {
        DataScope scope = of(user);
        if (scope instanceof DataScope.All) return "全部 / everything";
        if (scope instanceof DataScope.RegionSubtree s) return s.regionCode();
        if (scope instanceof DataScope.OwnEnterprise) return "本企业 / own enterprise";
        return "角色 " + user.role().name() + " 不能修改数据 / role " + user.role().name() + " changes nothing";
    }
}
