package org.innoladder.rules.points;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON stored with each enterprise's points ({@code enterprise_points.breakdown}) and the model's labels stored
 * once per run ({@code points_run.labels}); here rather than in the application so that a run on Spark stores the
 * same bytes. The breakdown is written by hand straight into the COPY buffer: a run
 * writes one per enterprise (100,000 and more), and building a map per enterprise for a JSON library cost more
 * than scoring. Names are not repeated per enterprise (they are in the run's labels) and numbers are rounded to
 * 6 decimals, since the breakdown's bytes dominate the time to store a run.
 *
 * <pre>
 * {"indicator_points": 61.2, "bonus": 10.0, "deduction": 0.0, "stage_size": 1661,
 *  "groups": [{"id": "tech", "points": 40.1, "indicators": [{"id": "rd_intensity", "value": 0.052,
 *              "standard_score": 0.61, "weight": 10.0, "points": 6.1, "missing": false}, …]}, …],
 *  "adjustments": [{"id": "national_award", "kind": "BONUS", "status": "APPLIED", "points": 10.0}, …],
 *  "missing": ["conversions"]}
 * </pre>
 */
public final class Breakdown {
    private Breakdown() {
    }

    public static void write(StringBuilder b, PointsModel model, EnterprisePoints e, long stageSize) {
        b.append("{\"indicator_points\":");
        number(b, e.indicatorPoints()).append(",\"bonus\":");
        number(b, e.bonus()).append(",\"deduction\":");
        number(b, e.deduction()).append(",\"stage_size\":").append(stageSize)
                .append(",\"groups\":[");
        List<IndicatorScore> scores = e.indicators();
        boolean firstGroup = true;
        for (Group g : model.groups()) {
            if (!firstGroup) b.append(',');
            firstGroup = false;
            GroupSubtotal sub = e.group(g.id());
            b.append("{\"id\":");
            string(b, g.id()).append(",\"points\":");
            number(b, sub == null ? 0.0 : sub.points()).append(",\"indicators\":[");
            boolean first = true;
            for (IndicatorScore s : scores) {
                if (!s.group().equals(g.id())) continue;
                if (!first) b.append(',');
                first = false;
                b.append("{\"id\":");
                string(b, s.id()).append(",\"value\":");
                if (s.value() == null) b.append("null");
                else number(b, s.value());
                b.append(",\"standard_score\":");
                number(b, s.standardScore()).append(",\"weight\":");
                number(b, s.weight()).append(",\"points\":");
                number(b, s.points()).append(",\"missing\":").append(s.missing()).append('}');
            }
            b.append("]}");
        }
        b.append("],\"adjustments\":[");
        boolean first = true;
        for (AdjustmentResult a : e.adjustments()) {
            if (!first) b.append(',');
            first = false;
            b.append("{\"id\":");
            string(b, a.id()).append(",\"kind\":\"").append(a.kind().name()).append("\",\"status\":\"")
                    .append(a.status().name()).append("\",\"points\":");
            number(b, a.points()).append('}');
        }
        b.append("],\"missing\":[");
        for (int i = 0; i < e.missing().size(); i++) {
            if (i > 0) b.append(',');
            string(b, e.missing().get(i));
        }
        b.append("]}");
    }

    /** The model's names of stages, groups, indicators and adjustments, by id: stored once per run. */
    public static Map<String, Object> labels(PointsModel model) {
        Map<String, Object> stages = new LinkedHashMap<>();
        for (Stage s : model.stages()) stages.put(s.id(), Map.of("zh", s.zh(), "en", s.en()));
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Group g : model.groups()) groups.put(g.id(), Map.of("zh", g.zh(), "en", g.en()));
        Map<String, Object> indicators = new LinkedHashMap<>();
        for (Indicator i : model.indicators()) indicators.put(i.id(), Map.of("zh", i.zh(), "en", i.en()));
        Map<String, Object> adjustments = new LinkedHashMap<>();
        for (Adjustment a : model.adjustments()) adjustments.put(a.id(), Map.of("zh", a.zh(), "en", a.en()));
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("title", Map.of("zh", model.titleZh(), "en", model.titleEn()));
        labels.put("stages", stages);
        labels.put("groups", groups);
        labels.put("indicators", indicators);
        labels.put("adjustments", adjustments);
        return labels;
    }

    /**
     * A number rounded to 6 decimals (the page shows at most 4; the total and percentile columns keep the model's
     * exact doubles): half the bytes of full doubles, and the breakdown's bytes are most of a run's storing time.
     */
    static StringBuilder number(StringBuilder b, double v) {
        if (Math.abs(v) >= 1e9) return b.append(v);
        double r = Math.round(v * 1e6) / 1e6;
        if (r == Math.rint(r)) return b.append((long) r);
        return b.append(r);
    }

    /** A JSON string literal (ids are checked lower-case identifiers, but escape anyway). */
    private static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"');
    }
}
