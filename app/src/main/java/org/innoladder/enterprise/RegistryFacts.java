package org.innoladder.enterprise;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Published writer of the yearly facts that a registry of another module supplies ({@code rd_institution_level} from
 * the resources module's R&D platform registry, {@code conversions} from its technology-contract registry): the
 * enterprise module owns {@code enterprise_year}, so a registry's value enters it here, with its provenance in the
 * row's {@code sources}.
 *
 * <p>A year the registry supplies takes the registry's value and its {@code sources} entry becomes
 * {@code {"registry", "id", "zh", "en", "href", "imported": {"value", "batch"}}}: the registry record, a note for the
 * file page, where the record is shown, and the value and import batch it replaced. A year the registry no longer
 * supplies gets the imported value and batch back. An import that later writes the column replaces the entry with its
 * batch id (the importer's merge); the registry's module then supplies its values again (it listens to imports), so
 * the precedence below keeps holding and the newly imported value is the one kept aside.
 *
 * <p>Precedence, per column ({@link Rule}): {@link Precedence#REGISTRY} — the registry wins in every year it covers
 * (a recognised platform is the evidence of the level); {@link Precedence#GREATER} — the greater of the imported and the
 * registry's value, the registry's on a tie (a count where the registry sees only part of what is counted: an imported
 * count above the registry's is kept with its batch as the source).
 */
@Component
public class RegistryFacts {
    public enum Precedence { REGISTRY, GREATER }

    /**
     * How a registry supplies a column: its SQL type, its values from lowest to highest (empty for a count, ordered as
     * numbers), whether a supply holds from its year on (a recognition) or for its year only (a count of the year), and
     * the precedence over an imported value.
     */
    public record Rule(String sqlType, List<String> levels, boolean cumulative, Precedence precedence) {
        int rank(String value) {
            return levels.isEmpty() ? Integer.parseInt(value) : levels.indexOf(value);
        }

        boolean valid(String value) {
            return levels.isEmpty() ? value.matches("[0-9]{1,9}") : levels.contains(value);
        }
    }

    /** The columns a registry may supply. */
    public static final Map<String, Rule> COLUMNS = Map.of(
            "rd_institution_level", new Rule("text", List.of("none", "city", "provincial", "national"), true, Precedence.REGISTRY),
            "conversions", new Rule("integer", List.of(), false, Precedence.GREATER));

    /**
     * A registry record that supplies a value for a year ({@link Rule#cumulative()}: and every later one);
     * {@code noteZh}/{@code noteEn} say what it is, {@code href} where it is shown (null: the registry's record page).
     */
    public record Supply(int fromYear, String value, String registry, long recordId, String noteZh, String noteEn, String href) {
        public Supply(int fromYear, String value, String registry, long recordId, String noteZh, String noteEn) {
            this(fromYear, value, registry, recordId, noteZh, noteEn, null);
        }
    }

    private final JdbcClient jdbc;

    public RegistryFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Supplies the column of every yearly row of the enterprise from the registry: each year takes the highest value
     * among the supplies that cover it (the first such record in the list on a tie), then the column's precedence over
     * the imported value decides; years without one that this registry supplied before get their imported value back.
     * Rows are never created: a year without reported facts stays without. In the caller's transaction; the caller has
     * checked its write scope.
     *
     * @return the number of yearly rows whose value or provenance changed
     */
    public int supply(long enterpriseId, String column, String registry, List<Supply> supplies) {
        Rule rule = COLUMNS.get(column);
        if (rule == null) throw new IllegalArgumentException("not a registry-supplied column: " + column);
        for (Supply s : supplies) {
            if (!rule.valid(s.value())) throw new IllegalArgumentException(column + " has no value " + s.value());
            if (!registry.equals(s.registry())) throw new IllegalArgumentException("a supply of another registry: " + s.registry());
        }
        // each year with the value the import supplied (kept aside in a registry entry, else the column's own)
        Map<Integer, String> imported = new HashMap<>();
        jdbc.sql("SELECT year, CASE WHEN jsonb_typeof(sources -> :column) = 'object' THEN sources -> :column -> 'imported' ->> 'value'"
                        + " ELSE CAST(" + column + " AS text) END FROM enterprise_year WHERE enterprise_id = :e")
                .param("column", column).param("e", enterpriseId)
                .query((rs, n) -> imported.put(rs.getInt(1), rs.getString(2))).list();
        int changed = 0;
        for (int year : imported.keySet().stream().sorted().toList()) {
            Supply best = null;
            for (Supply s : supplies) {
                boolean covers = rule.cumulative() ? s.fromYear() <= year : s.fromYear() == year;
                if (covers && (best == null || rule.rank(s.value()) > rule.rank(best.value()))) best = s;
            }
            String before = imported.get(year);
            boolean importWins = best != null && rule.precedence() == Precedence.GREATER && before != null
                    && rule.rank(before) > rule.rank(best.value());
            changed += best == null || importWins ? restore(enterpriseId, year, column, rule, registry) : write(enterpriseId, year, column, rule, best);
        }
        return changed;
    }

    private int write(long enterpriseId, int year, String column, Rule rule, Supply s) {
        // the entry keeps aside what the import supplied: the first time from the row, afterwards from the old entry
        return jdbc.sql("UPDATE enterprise_year y SET " + column + " = CAST(:value AS " + rule.sqlType() + "),"
                        + " sources = jsonb_set(y.sources, ARRAY[CAST(:column AS text)],"
                        + " jsonb_strip_nulls(jsonb_build_object('registry', :registry, 'id', :id, 'zh', :zh, 'en', :en, 'href', CAST(:href AS text)))"
                        + " || jsonb_build_object('imported',"
                        + " CASE WHEN jsonb_typeof(y.sources -> :column) = 'object' THEN y.sources -> :column -> 'imported'"
                        + " ELSE jsonb_build_object('value', y." + column + ", 'batch', y.sources -> :column) END)), updated_at = now()"
                        + " WHERE y.enterprise_id = :e AND y.year = :year AND (y." + column + " IS DISTINCT FROM CAST(:value AS " + rule.sqlType() + ")"
                        + " OR jsonb_typeof(y.sources -> :column) IS DISTINCT FROM 'object'"
                        + " OR (y.sources -> :column ->> 'id')::bigint IS DISTINCT FROM :id"
                        + " OR y.sources -> :column ->> 'zh' IS DISTINCT FROM :zh)")
                .param("value", s.value()).param("column", column).param("registry", s.registry()).param("id", s.recordId())
                .param("zh", s.noteZh()).param("en", s.noteEn()).param("href", s.href()).param("e", enterpriseId).param("year", year).update();
    }

    private int restore(long enterpriseId, int year, String column, Rule rule, String registry) {
        return jdbc.sql("UPDATE enterprise_year y SET " + column + " = CAST(y.sources -> :column -> 'imported' ->> 'value' AS " + rule.sqlType() + "),"
                        + " sources = CASE WHEN jsonb_typeof(y.sources -> :column -> 'imported' -> 'batch') IN ('number', 'string')"
                        + " THEN jsonb_set(y.sources, ARRAY[CAST(:column AS text)], y.sources -> :column -> 'imported' -> 'batch')"
                        + " ELSE y.sources - :column END, updated_at = now()"
                        + " WHERE y.enterprise_id = :e AND y.year = :year AND jsonb_typeof(y.sources -> :column) = 'object'"
                        + " AND y.sources -> :column ->> 'registry' = :registry")
                .param("column", column).param("registry", registry).param("e", enterpriseId).param("year", year).update();
    }
}
