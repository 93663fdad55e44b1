package org.innoladder.region;

import java.util.function.BiConsumer;

/**
 * The district and town columns ({@code county_code}, {@code town_code}) that {@code enterprise} derives from its region
 * code, and that the tables copying an enterprise's region (the ladder snapshot, award cases) derive alike.
 */
public final class RegionColumns {
    private RegionColumns() {
    }

    /**
     * For a district's (6 digits) or a town's (9 digits) code, the condition that the table's county or town column
     * equals it, bound as {@code param} through {@code bind}; "" for any other code. It selects the same rows as the
     * region pattern beside it, said so that the planner reads them from a (county or town, …) index in list order
     * instead of walking a whole index and filtering.
     */
    public static String sameDistrictOrTown(String alias, String code, String param, BiConsumer<String, Object> bind) {
        String column = code == null ? null : code.length() == 6 ? "county_code" : code.length() == 9 ? "town_code" : null;
        if (column == null) return "";
        bind.accept(param, code);
        return " AND " + alias + "." + column + " = :" + param;
    }
}
