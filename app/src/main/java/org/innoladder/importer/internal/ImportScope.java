package org.innoladder.importer.internal;

import org.innoladder.importer.Rejection;
import java.util.Map;

import org.innoladder.identity.DataScope;
import org.innoladder.importer.Rejection.Severity;

/**
 * The uploader's data scope as an import applies it to what it writes: a row may only carry a region inside the
 * scope (checked per row while reading), and may only touch enterprises stored inside it or new ones it places
 * inside it (checked set-based in the merge, {@link ScopeSql}). Imports are for the platform admin (everything) and
 * bureau officers (a region subtree); other scopes cannot import.
 */
public final class ImportScope {
    public static final ImportScope EVERYTHING = new ImportScope(new DataScope.All(), null, null);

    private final DataScope scope;
    private final String prefix;
    private final String label;

    private ImportScope(DataScope scope, String prefix, String label) {
        this.scope = scope;
        this.prefix = prefix;
        this.label = label;
    }

    /** @param regionName the region's name ("武进区"), or null when unknown */
    public static ImportScope of(DataScope scope, String regionName) {
        if (scope instanceof DataScope.All) return EVERYTHING;
        if (scope instanceof DataScope.RegionSubtree r) {
            return new ImportScope(scope, r.regionCode(), (regionName == null ? "" : regionName + " ") + r.regionCode());
        }
        throw new IllegalArgumentException("imports need the full data scope or a region's: " + scope);
    }

    public boolean restricted() {
        return prefix != null;
    }

    /** The region of the scope, for region-name lookup; null for everything. */
    public static String regionOf(DataScope scope) {
        return scope instanceof DataScope.RegionSubtree r ? r.regionCode() : null;
    }

    /** Whether a row may carry this region code (an empty one keeps the stored region). */
    boolean allows(String regionCode) {
        return prefix == null || regionCode == null || regionCode.startsWith(prefix);
    }

    Rejection regionOutside(int line, String code) {
        return new Rejection(line, "region_code", code, "所属区划代码 " + code + " 不在您的数据范围（" + label + "）内",
                "region_code " + code + " is outside your data scope (" + label + ")", Severity.ERROR);
    }

    public Rejection enterpriseOutside(int line, String code, boolean certificates) {
        return new Rejection(line, "credit_code", code, "统一社会信用代码 " + code + " 对应的企业不在您的数据范围（" + label + "）内，不能"
                + (certificates ? "导入其证书" : "修改其数据"), "the enterprise with credit_code " + code
                + " is outside your data scope (" + label + "); its " + (certificates ? "certificates cannot be imported"
                : "data cannot be changed"), Severity.ERROR);
    }

    public Rejection newWithoutRegion(int line, String code) {
        return new Rejection(line, "region_code", null, "统一社会信用代码 " + code + " 是新企业，但未填写所属区划代码：只能新增您数据范围（"
                + label + "）内的企业", "credit_code " + code + " is a new enterprise without region_code: only enterprises"
                + " inside your data scope (" + label + ") can be added", Severity.ERROR);
    }

    /**
     * Rows of the stage whose stored enterprise lies outside the scope (its region, or no region, is not in the
     * subtree): deleted from the stage, their lines and credit codes returned.
     */
    public ScopeSql outsideStored(String stage) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        return new ScopeSql("DELETE FROM " + stage + " s USING enterprise e WHERE e.credit_code = s.credit_code AND ("
                + f.sql() + ") IS NOT TRUE RETURNING s.line_no, s.credit_code", f.params());
    }

    /** Rows of new enterprises that give no region in any of their rows: they would land outside every region. */
    public static ScopeSql newWithoutRegion(String stage) {
        return new ScopeSql("DELETE FROM " + stage + " s WHERE s.credit_code IN (SELECT credit_code FROM " + stage
                + " GROUP BY credit_code HAVING count(region_code) = 0)"
                + " AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = s.credit_code)"
                + " RETURNING s.line_no, s.credit_code", Map.of());
    }

    /** A statement with named parameters (bound, never pasted). */
    public record ScopeSql(String sql, Map<String, Object> params) {
    }
}
