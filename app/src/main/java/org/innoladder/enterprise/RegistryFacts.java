package org.innoladder.enterprise;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Published writer of the yearly facts that a registry of another module supplies (today {@code rd_institution_level}
 * from the resources module's R&D platform registry): the enterprise module owns {@code enterprise_year}, so a
 * registry's value enters it here, with its provenance in the row's {@code sources}.
 *
 * <p><b>The registry wins where it has a record.</b> A year the registry covers takes the registry's value and its
 * {@code sources} entry becomes {@code {"registry", "id", "zh", "en", "imported": {"value", "batch"}}}: the registry
 * record, a note for the file page, and the value and import batch it replaced. A year the registry no longer covers
 * gets the imported value and batch back. An import that later writes the column replaces the entry with its batch id
 * (the importer's merge); the registry's module then supplies its values again (it listens to imports), so a
 * registry record keeps winning and the newly imported value is the one kept aside.
 */
@Component
public class RegistryFacts {
    /** The columns a registry may supply, each with its values from lowest to highest. */
    public static final Map<String, List<String>> COLUMNS = Map.of(
            "rd_institution_level", List.of("none", "city", "provincial", "national"));

    /** A registry record that supplies a value from a year on; {@code noteZh}/{@code noteEn} say what it is. */
    public record Supply(int fromYear, String value, String registry, long recordId, String noteZh, String noteEn) {
    }

    private final JdbcClient jdbc;

    public RegistryFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Supplies the column of every yearly row of the enterprise from the registry: each year takes the highest value
     * among the supplies from that year or earlier (the first such record in the list on a tie); years without one
     * that this registry supplied before get their imported value back. Rows are never created: a year without
     * reported facts stays without. In the caller's transaction; the caller has checked its write scope.
     *
     * @return the number of yearly rows whose value or provenance changed
     */
    public int supply(long enterpriseId, String column, String registry, List<Supply> supplies) {
        List<String> order = COLUMNS.get(column);
        if (order == null) throw new IllegalArgumentException("not a registry-supplied column: " + column);
        for (Supply s : supplies) {
            if (!order.contains(s.value())) throw new IllegalArgumentException(column + " has no value " + s.value());
            if (!registry.equals(s.registry())) throw new IllegalArgumentException("a supply of another registry: " + s.registry());
        }
        List<Integer> years = jdbc.sql("SELECT year FROM enterprise_year WHERE enterprise_id = :e ORDER BY year")
                .param("e", enterpriseId).query(Integer.class).list();
        int changed = 0;
        for (int year : years) {
            Supply best = null;
            for (Supply s : supplies) {
                if (s.fromYear() <= year && (best == null || order.indexOf(s.value()) > order.indexOf(best.value()))) best = s;
            }
            changed += best == null ? restore(enterpriseId, year, column, registry) : write(enterpriseId, year, column, best);
        }
        return changed;
    }

    private int write(long enterpriseId, int year, String column, Supply s) {
        // the entry keeps aside what the import supplied: the first time from the row, afterwards from the old entry
        return jdbc.sql("UPDATE enterprise_year y SET " + column + " = :value, sources = jsonb_set(y.sources, ARRAY[CAST(:column AS text)],"
                        + " jsonb_build_object('registry', :registry, 'id', :id, 'zh', :zh, 'en', :en, 'imported',"
                        + " CASE WHEN jsonb_typeof(y.sources -> :column) = 'object' THEN y.sources -> :column -> 'imported'"
                        + " ELSE jsonb_build_object('value', y." + column + ", 'batch', y.sources -> :column) END)), updated_at = now()"
                        + " WHERE y.enterprise_id = :e AND y.year = :year AND (y." + column + " IS DISTINCT FROM :value"
                        + " OR jsonb_typeof(y.sources -> :column) IS DISTINCT FROM 'object'"
                        + " OR (y.sources -> :column ->> 'id')::bigint IS DISTINCT FROM :id"
                        + " OR y.sources -> :column ->> 'zh' IS DISTINCT FROM :zh)")
                .param("value", s.value()).param("column", column).param("registry", s.registry()).param("id", s.recordId())
                .param("zh", s.noteZh()).param("en", s.noteEn()).param("e", enterpriseId).param("year", year).update();
    }

    private int restore(long enterpriseId, int year, String column, String registry) {
        return jdbc.sql("UPDATE enterprise_year y SET " + column + " = y.sources -> :column -> 'imported' ->> 'value',"
                        + " sources = CASE WHEN jsonb_typeof(y.sources -> :column -> 'imported' -> 'batch') IN ('number', 'string')"
                        + " THEN jsonb_set(y.sources, ARRAY[CAST(:column AS text)], y.sources -> :column -> 'imported' -> 'batch')"
                        + " ELSE y.sources - :column END, updated_at = now()"
                        + " WHERE y.enterprise_id = :e AND y.year = :year AND jsonb_typeof(y.sources -> :column) = 'object'"
                        + " AND y.sources -> :column ->> 'registry' = :registry")
                .param("column", column).param("registry", registry).param("e", enterpriseId).param("year", year).update();
    }
}
