package org.innoladder.policy.internal;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.BadParameterException;

/**
 * Who may see and manage which policies. A policy belongs to the bureau of its region and applies to that
 * region's subtree: a user sees the policies of regions within its scope and of the regions above it (a city
 * policy applies to a district), and a BUREAU manages only those within its scope; ADMIN everything.
 */
public final class PolicyScope {
    private PolicyScope() {
    }

    public static boolean canManage(CurrentUser user) {
        return user.role() == org.innoladder.identity.Role.ADMIN || user.role() == org.innoladder.identity.Role.BUREAU;
    }

    /** Whether the user's scope covers the whole region (the region lies within the scope). */
    public static boolean covers(CurrentUser user, String regionCode) {
        DataScope scope = user.scope();
        if (scope instanceof DataScope.All) return true;
        return scope instanceof DataScope.RegionSubtree s && regionCode != null && regionCode.startsWith(s.regionCode());
    }

    /** Whether the user may see a policy of this region: within the scope or above it. */
    static boolean sees(CurrentUser user, String regionCode) {
        DataScope scope = user.scope();
        if (scope instanceof DataScope.All) return true;
        return scope instanceof DataScope.RegionSubtree s && regionCode != null
                && (regionCode.startsWith(s.regionCode()) || s.regionCode().startsWith(regionCode));
    }

    /** SQL condition on {@code alias.region_code} for {@link #sees}, with the bound parameter {@code :scope_root}. */
    static String seesSql(CurrentUser user, String alias) {
        DataScope scope = user.scope();
        if (scope instanceof DataScope.All) return "TRUE";
        if (scope instanceof DataScope.RegionSubtree) {
            return "(" + alias + ".region_code LIKE :scope_root || '%' OR :scope_root LIKE " + alias + ".region_code || '%')";
        }
        return "FALSE";
    }

    static String root(CurrentUser user) {
        return user.scope() instanceof DataScope.RegionSubtree s ? s.regionCode() : "";
    }

    /** Refuses (403) a change to a region outside the user's write scope; the error names the field. */
    static void requireWritable(CurrentUser user, String regionCode, String field) {
        WriteScope.requireRegion(user, regionCode, field);
    }

    /** Refuses (400) a region outside the user's read scope, for what-if computations that store nothing. */
    static void requireReadable(CurrentUser user, String regionCode, String field) {
        if (!covers(user, regionCode)) {
            throw new BadParameterException(field, regionCode, "区划不在您的数据范围（" + root(user) + "）内",
                    "the region is outside your data scope (" + root(user) + ")");
        }
    }
}
