package org.innoladder.enterprise.internal;

/** The columns the enterprise list may be sorted by; each maps to a fixed SQL expression (never user text). */
public enum EnterpriseSort {
    NAME("name", "e.name"),
    CODE("code", "e.credit_code"),
    DISTRICT("district", "e.county_code"),
    FOUNDED("founded", "e.founded_on"),
    REVENUE("revenue", "y.sales_revenue"),
    EMPLOYEES("employees", "y.employees"),
    RD("rd", EnterpriseQueries.RD_INTENSITY_SQL);

    private final String key;
    private final String sql;

    EnterpriseSort(String key, String sql) {
        this.key = key;
        this.sql = sql;
    }

    public String key() { return key; }

    String sql() { return sql; }

    public static EnterpriseSort ofKey(String key) {
        for (EnterpriseSort s : values()) {
            if (s.key.equals(key)) return s;
        }
        return null;
    }
}
