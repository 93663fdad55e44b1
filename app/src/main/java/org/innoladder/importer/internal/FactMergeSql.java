package org.innoladder.importer.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.innoladder.rules.facts.Column;

/**
 * The set-based statements that merge the staged rows into enterprise and enterprise_year. An empty cell is
 * NULL in the stage and never overwrites a stored value; {@code sources} records, per column, the batch that
 * supplied the current value and is only touched for values that actually change.
 */
public final class FactMergeSql {
    private FactMergeSql() {
    }

    /** Transaction-scoped advisory lock taken before merging: one batch merges at a time, reading and staging run in parallel. */
    public static final long MERGE_LOCK = 0x1A0D1A;

    private static final List<Column> ENT = PgStaging.enterpriseColumns();
    private static final List<Column> YEAR = PgStaging.yearColumns();
    private static final String S = PgStaging.FACT_STAGE;

    /** Per enterprise, each column's value from the latest year that has it. */
    public static String enterpriseInput() {
        return "CREATE TEMP TABLE import_enterprise ON COMMIT DROP AS SELECT credit_code, "
                + ENT.stream().map(c -> "(array_agg(" + c.key() + " ORDER BY year DESC) FILTER (WHERE " + c.key()
                        + " IS NOT NULL))[1] AS " + c.key()).collect(Collectors.joining(", "))
                + " FROM " + S + " GROUP BY credit_code";
    }

    /**
     * Warnings for rows whose enterprise-level values differ from the winning (latest) ones. One join of the
     * stage with the winners, pre-filtered to rows with any difference, unpivoted to one warning per column. Stores
     * the first ones in line order up to the bound parameter (the batch's remaining room for problems) and answers
     * {@code total} and {@code stored}.
     */
    public static String enterpriseWarnings(long batchId) {
        return "WITH warned AS (SELECT " + batchId + " AS batch_id, s.line_no, v.col, v.sv, v.zh || '“' || v.sv || '”与该企业最新年度的值“' || v.wv"
                + " || '”不同，以最新年度为准', v.col || ' ''' || v.sv || ''' differs from the latest year''s value ''' || v.wv"
                + " || '''; the latest year wins', 'WARNING'"
                + " FROM " + S + " s JOIN import_enterprise w USING (credit_code) CROSS JOIN LATERAL (VALUES "
                + ENT.stream().map(c -> "('" + c.key() + "', s." + c.key() + "::text, w." + c.key() + "::text, '" + c.headerZh() + "')")
                        .collect(Collectors.joining(", "))
                + ") AS v (col, sv, wv, zh)"
                + " WHERE (" + changed(ENT, "s.", "w.") + ") AND v.sv IS NOT NULL AND v.sv IS DISTINCT FROM v.wv),"
                + " stored AS (INSERT INTO import_rejection (batch_id, line_no, column_name, value, reason_zh, reason_en, severity)"
                + " SELECT * FROM warned ORDER BY line_no LIMIT ? RETURNING 1)"
                + " SELECT (SELECT count(*) FROM warned) AS total, (SELECT count(*) FROM stored) AS stored";
    }

    public static String insertEnterprises(long batchId) {
        return "INSERT INTO enterprise (credit_code, " + keys(ENT, "") + ", sources) SELECT i.credit_code, " + keys(ENT, "i.")
                + ", " + sources(ENT, "i.", null, batchId) + " FROM import_enterprise i"
                + " WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = i.credit_code)";
    }

    /** Updates enterprises with changed values and remembers their ids in import_enterprise_changed. */
    public static String updateEnterprises(long batchId) {
        return "WITH upd AS (UPDATE enterprise e SET "
                + ENT.stream().map(c -> c.key() + " = COALESCE(i." + c.key() + ", e." + c.key() + ")").collect(Collectors.joining(", "))
                + ", sources = e.sources || " + sources(ENT, "i.", "e.", batchId) + ", updated_at = now()"
                + " FROM import_enterprise i WHERE e.credit_code = i.credit_code AND (" + changed(ENT, "i.", "e.") + ")"
                + " RETURNING e.id) INSERT INTO import_enterprise_changed SELECT id FROM upd";
    }

    /**
     * Updates the yearly rows that exist and differ; import_merged gets each changed row. A set-based UPDATE
     * touches only the changed rows, where INSERT … ON CONFLICT DO UPDATE … WHERE would lock every
     * conflicting row even when nothing changes.
     */
    public static String updateYears(long batchId) {
        return "WITH upd AS (UPDATE enterprise_year y SET "
                + YEAR.stream().map(c -> c.key() + " = COALESCE(s." + c.key() + ", y." + c.key() + ")").collect(Collectors.joining(", "))
                + ", sources = y.sources || " + sources(YEAR, "s.", "y.", batchId) + ", updated_at = now()"
                + " FROM " + S + " s JOIN enterprise e ON e.credit_code = s.credit_code"
                + " WHERE y.enterprise_id = e.id AND y.year = s.year AND (" + changed(YEAR, "s.", "y.") + ")"
                + " RETURNING y.enterprise_id, y.year)"
                + " INSERT INTO import_merged SELECT enterprise_id, year FROM upd";
    }

    /** The provenance of new yearly rows, once per distinct set of provided columns (the stage's year_mask). */
    public static String yearSources(long batchId) {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < YEAR.size(); i++) {
            if (i > 0) cases.append(", ");
            cases.append("CASE WHEN year_mask & ").append(1L << i).append(" <> 0 THEN '\"").append(YEAR.get(i).key())
                    .append("\":").append(batchId).append("' END");
        }
        return "CREATE TEMP TABLE import_year_sources ON COMMIT DROP AS SELECT year_mask, ('{' || concat_ws(',', " + cases
                + ") || '}')::jsonb AS sources FROM (SELECT DISTINCT year_mask FROM " + S + ") m";
    }

    /**
     * Inserts the yearly rows that do not exist yet, with the provenance of their mask ({@link #yearSources}).
     * Merges are serialised by {@link #MERGE_LOCK} and run after {@link #counts()}; when that found no stored
     * row for any staged key ({@code allNew}) the anti-join and ON CONFLICT are skipped: a plain INSERT avoids the
     * speculative insertion (an extra index probe and WAL record per row); the importer is the only writer of
     * enterprise_year, and should anything else insert one of these keys meanwhile, the unique key fails the whole
     * batch (rolled back, reported FAILED) rather than losing a row. Otherwise ON CONFLICT is a guard for writers
     * that do not take the lock: the statement's row count is the number actually inserted.
     */
    public static String insertYears(boolean allNew) {
        return "INSERT INTO enterprise_year AS y (enterprise_id, year, " + keys(YEAR, "") + ", sources)"
                + " SELECT e.id, s.year, " + keys(YEAR, "s.") + ", ys.sources"
                + " FROM " + S + " s JOIN enterprise e ON e.credit_code = s.credit_code"
                + " JOIN import_year_sources ys ON ys.year_mask = s.year_mask"
                + (allNew ? "" : " WHERE NOT EXISTS (SELECT 1 FROM enterprise_year x WHERE x.enterprise_id = e.id AND x.year = s.year)"
                        + " ON CONFLICT (enterprise_id, year) DO NOTHING");
    }

    /**
     * Taken after the updates and before the insert of new years: new rows (no stored year yet), updated (year
     * values changed, or the enterprise's own values changed) and unchanged rows.
     */
    public static String counts() {
        return "SELECT count(*) FILTER (WHERE y.enterprise_id IS NULL) AS inserted,"
                + " count(*) FILTER (WHERE y.enterprise_id IS NOT NULL AND (m.enterprise_id IS NOT NULL OR c.id IS NOT NULL)) AS updated,"
                + " count(*) FILTER (WHERE y.enterprise_id IS NOT NULL AND m.enterprise_id IS NULL AND c.id IS NULL) AS unchanged"
                + " FROM " + S + " s JOIN enterprise e ON e.credit_code = s.credit_code"
                + " LEFT JOIN enterprise_year y ON y.enterprise_id = e.id AND y.year = s.year"
                + " LEFT JOIN import_merged m ON m.enterprise_id = e.id AND m.year = s.year"
                + " LEFT JOIN import_enterprise_changed c ON c.id = e.id";
    }

    private static String keys(List<Column> cols, String prefix) {
        return cols.stream().map(c -> prefix + c.key()).collect(Collectors.joining(", "));
    }

    /**
     * {column: batch} for each new value that is known and (when {@code old} is given) differs from the stored
     * one. Built as text and cast once: jsonb_build_object over 60 arguments plus jsonb_strip_nulls cost
     * about 25 µs a row, this a fraction of it.
     */
    private static String sources(List<Column> cols, String now, String old, long batchId) {
        return "('{' || concat_ws(',', " + cols.stream().map(c -> "CASE WHEN " + now + c.key() + " IS NOT NULL"
                + (old == null ? "" : " AND " + now + c.key() + " IS DISTINCT FROM " + old + c.key())
                + " THEN '\"" + c.key() + "\":" + batchId + "' END").collect(Collectors.joining(", ")) + ") || '}')::jsonb";
    }

    private static String changed(List<Column> cols, String now, String old) {
        return cols.stream().map(c -> "(" + now + c.key() + " IS NOT NULL AND " + now + c.key() + " IS DISTINCT FROM " + old + c.key() + ")")
                .collect(Collectors.joining(" OR "));
    }
}
