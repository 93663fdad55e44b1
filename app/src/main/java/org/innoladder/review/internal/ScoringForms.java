package org.innoladder.review.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.review.domain.ScoringForm;
import org.innoladder.review.domain.Why;
import org.innoladder.rules.yaml.YamlDoc;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The scoring forms, read from {@code classpath:review/forms/*.yaml} at start. A form that lacks a citation, a
 * trust level, a bilingual label, or has bands outside its criterion's range is refused with the file and the field,
 * so the application does not start with a form nobody can trace to its source.
 */
@Component
public class ScoringForms {
    public static final String HNTE = "hnte-innovation@2016";
    public static final String CHALLENGE = "challenge@default";
    private static final Set<String> TRUST = Set.of("official", "secondary", "open");

    private final Map<String, ScoringForm> forms = new LinkedHashMap<>();

    public ScoringForms() throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:review/forms/*.yaml")) {
            try (InputStream in = r.getInputStream()) {
                ScoringForm f = read(r.getFilename(), in);
                forms.put(f.id(), f);
            }
        }
        for (String required : List.of(HNTE, CHALLENGE)) {
            if (!forms.containsKey(required)) throw new IllegalStateException("scoring form missing: " + required);
        }
    }

    public ScoringForm get(String id) {
        ScoringForm f = forms.get(id);
        if (f == null) throw new IllegalArgumentException("no scoring form " + id);
        return f;
    }

    public List<ScoringForm> all() {
        return List.copyOf(forms.values());
    }

    /** Reads one form; refuses it with "file: field: problem". */
    public static ScoringForm read(String file, InputStream in) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        Map<?, ?> root = (Map<?, ?>) YamlDoc.parse(file, reader).root();
        String id = text(file, root, "id");
        List<ScoringForm.Criterion> criteria = new ArrayList<>();
        for (Object o : list(file, root, "criteria")) {
            Map<?, ?> c = (Map<?, ?>) o;
            String cid = text(file, c, "id");
            String where = "criteria." + cid;
            int max = integer(file, c, "max", where);
            List<ScoringForm.Band> bands = new ArrayList<>();
            if (c.get("bands") != null) {
                for (Object b : (List<?>) c.get("bands")) {
                    Map<?, ?> bm = (Map<?, ?>) b;
                    int lo = integer(file, bm, "min", where), hi = integer(file, bm, "max", where);
                    if (lo < 0 || hi > max || lo > hi) {
                        throw refuse(file, where + ".bands", "band " + bm.get("grade") + " [" + lo + ", " + hi + "] lies outside 0–" + max);
                    }
                    bands.add(new ScoringForm.Band(String.valueOf(bm.get("grade")), lo, hi, new Why(text(file, bm, "zh"), text(file, bm, "en"))));
                }
            }
            criteria.add(new ScoringForm.Criterion(cid, label(file, c, where), max,
                    c.get("weight") == null ? BigDecimal.ONE : new BigDecimal(String.valueOf(c.get("weight"))), bands,
                    "true".equals(String.valueOf(c.get("comment_required"))), text(file, c, "reference"), trust(file, c, where),
                    c.get("fact") == null ? null : String.valueOf(c.get("fact"))));
        }
        List<ScoringForm.ComputedItem> computed = new ArrayList<>();
        if (root.get("computed") != null) {
            for (Object o : (List<?>) root.get("computed")) {
                Map<?, ?> c = (Map<?, ?>) o;
                String where = "computed." + c.get("id");
                Map<?, ?> how = (Map<?, ?>) c.get("how");
                if (how == null) throw refuse(file, where + ".how", "missing");
                computed.add(new ScoringForm.ComputedItem(text(file, c, "id"), label(file, c, where), integer(file, c, "max", where),
                        text(file, c, "reference"), trust(file, c, where), new Why(text(file, how, "zh"), text(file, how, "en"))));
            }
        }
        List<String> notes = root.get("notes") == null ? List.of() : ((List<?>) root.get("notes")).stream().map(String::valueOf).toList();
        int panel = integer(file, root, "panel_size", "form"), min = integer(file, root, "min_panel", "form");
        if (min < 1 || min > panel) throw refuse(file, "min_panel", min + " must lie between 1 and panel_size " + panel);
        return new ScoringForm(id, label(file, root, "form"), text(file, root, "reference"), criteria, computed,
                decimal(root.get("threshold")), decimal(root.get("outlier_distance")), panel, min, notes);
    }

    private static Why label(String file, Map<?, ?> m, String where) {
        if (!(m.get("label") instanceof Map<?, ?> l)) throw refuse(file, where + ".label", "missing (needs zh and en)");
        return new Why(text(file, l, "zh"), text(file, l, "en"));
    }

    private static String trust(String file, Map<?, ?> m, String where) {
        String t = text(file, m, "trust");
        if (!TRUST.contains(t)) throw refuse(file, where + ".trust", "'" + t + "' must be official, secondary or open");
        return t;
    }

    private static String text(String file, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) throw refuse(file, key, "missing");
        return String.valueOf(v);
    }

    private static int integer(String file, Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        try {
            return Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw refuse(file, where + "." + key, "must be a whole number, is " + v);
        }
    }

    private static List<?> list(String file, Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof List<?> l) || l.isEmpty()) throw refuse(file, key, "must be a non-empty list");
        return l;
    }

    private static BigDecimal decimal(Object v) {
        return v == null ? null : new BigDecimal(String.valueOf(v));
    }

    private static IllegalArgumentException refuse(String file, String field, String problem) {
        return new IllegalArgumentException(file + ": " + field + ": " + problem);
    }
}
