package org.innoladder.enterprise.internal;

/** The columns the enterprise list may be sorted by; each maps to a fixed SQL expression (never user text). */
public enum EnterpriseSort {
    NAME("name", "e.name", false),
    CODE("code", "e.credit_code", false),
    DISTRICT("district", "e.county_code", false),
    FOUNDED("founded", "e.founded_on", false),
    REVENUE("revenue", "y.sales_revenue", true),
    EMPLOYEES("employees", "y.employees", true),
    RD("rd", EnterpriseQueries.RD_INTENSITY_SQL, true);

    private final String key;
    private final String sql;
    private final boolean readsLatestYear;

    EnterpriseSort(String key, String sql, boolean readsLatestYear) {
        this.key = key;
        this.sql = sql;
        this.readsLatestYear = readsLatestYear;
    }

    public String key() { return key; }

    String sql() { return sql; }

    /** Whether the order reads the latest yearly row ({@code y}), which the page's id query must then join. */
    boolean readsLatestYear() { return readsLatestYear; }

    public static EnterpriseSort ofKey(String key) {
        for (EnterpriseSort s : values()) {
            if (s.key.equals(key)) return s;
        }
        return null;
    }
}
