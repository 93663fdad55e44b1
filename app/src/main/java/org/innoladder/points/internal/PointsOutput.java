package org.innoladder.points.internal;

import org.innoladder.rules.points.AdjustmentResult;
import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.Group;
import org.innoladder.rules.points.GroupSubtotal;
import org.innoladder.rules.points.Indicator;
import org.innoladder.rules.points.IndicatorScore;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import org.innoladder.rules.points.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.innoladder.web.SpreadsheetText;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link PointsResult} as JSON (one document) or CSV (one row per enterprise). */
final class PointsOutput {
    private PointsOutput() {
    }

    static void json(PointsModel model, PointsResult result, Writer to) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", model.id());
        m.put("version", model.version());
        m.put("title", model.titleZh() + " / " + model.titleEn());
        m.put("standard_score", model.method().name().toLowerCase() + " within " + model.reference().name().toLowerCase());
        m.put("notes", model.notes());
        doc.put("model", m);
        doc.put("year", result.year());
        List<Object> es = new ArrayList<>();
        for (EnterprisePoints e : result.enterprises()) es.add(enterprise(model, e));
        doc.put("enterprises", es);
        // As a string: the mapper would close the writer, and with it stdout.
        to.write(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(doc));
    }

    private static Map<String, Object> enterprise(PointsModel model, EnterprisePoints e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("credit_code", e.creditCode());
        o.put("name", e.name());
        o.put("stage", e.stage());
        o.put("stage_zh", stageZh(model, e.stage()));
        o.put("stage_uncertain", e.stageUncertain());
        o.put("points", round(e.points()));
        o.put("percentile_in_stage", round(e.percentileInStage()));
        o.put("indicator_points", round(e.indicatorPoints()));
        o.put("bonus", round(e.bonus()));
        o.put("deduction", round(e.deduction()));
        List<Object> groups = new ArrayList<>();
        for (GroupSubtotal g : e.groups()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", g.id());
            x.put("zh", g.zh());
            x.put("points", round(g.points()));
            groups.add(x);
        }
        o.put("groups", groups);
        List<Object> indicators = new ArrayList<>();
        for (IndicatorScore s : e.indicators()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", s.id());
            x.put("group", s.group());
            x.put("value", value(s.value()));
            x.put("standard_score", round(s.standardScore()));
            x.put("weight", plain(BigDecimal.valueOf(s.weight()).stripTrailingZeros()));
            x.put("points", round(s.points()));
            x.put("missing", s.missing());
            indicators.add(x);
        }
        o.put("indicators", indicators);
        List<Object> adjustments = new ArrayList<>();
        for (AdjustmentResult a : e.adjustments()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", a.id());
            x.put("kind", a.kind().name().toLowerCase());
            x.put("status", a.status().name().toLowerCase());
            x.put("points", plain(BigDecimal.valueOf(a.points()).stripTrailingZeros()));
            adjustments.add(x);
        }
        o.put("adjustments", adjustments);
        o.put("missing", e.missing());
        return o;
    }

    static void csv(PointsModel model, PointsResult result, Writer to) throws IOException {
        List<String> header = new ArrayList<>(List.of("credit_code", "name", "stage", "stage_zh", "stage_uncertain", "points",
                "percentile_in_stage", "indicator_points", "bonus", "deduction"));
        for (Group g : model.groups()) header.add("group_" + g.id());
        for (Indicator i : model.indicators()) {
            header.add(i.id() + "_value");
            header.add(i.id() + "_score");
            header.add(i.id() + "_points");
        }
        header.add("adjustments_applied");
        header.add("missing");
        // Not closed: the writer may be stdout; the caller flushes or closes it.
        CSVPrinter p = new CSVPrinter(to, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
        for (EnterprisePoints e : result.enterprises()) {
            List<Object> row = new ArrayList<>(List.of(e.creditCode(), e.name(), e.stage(), stageZh(model, e.stage()),
                    e.stageUncertain(), round(e.points()), round(e.percentileInStage()), round(e.indicatorPoints()),
                    round(e.bonus()), round(e.deduction())));
            for (GroupSubtotal g : e.groups()) row.add(round(g.points()));
            for (IndicatorScore s : e.indicators()) {
                row.add(s.value() == null ? "" : value(s.value()).toPlainString());
                row.add(round(s.standardScore()));
                row.add(round(s.points()));
            }
            row.add(e.adjustments().stream().filter(a -> a.status() == AdjustmentResult.Status.APPLIED)
                    .map(a -> a.id() + "(" + (a.points() > 0 ? "+" : "") + plain(BigDecimal.valueOf(a.points()).stripTrailingZeros()).toPlainString() + ")")
                    .collect(Collectors.joining(";")));
            row.add(String.join(";", e.missing()));
            p.printRecord(SpreadsheetText.record(row.toArray()));
        }
        p.flush();
    }

    private static String stageZh(PointsModel model, String stage) {
        return model.stages().stream().filter(s -> s.id().equals(stage)).map(Stage::zh).findFirst().orElse(stage);
    }

    /** Four decimals for output; the API keeps full precision. */
    private static BigDecimal round(double v) {
        return plain(BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    /** A raw value as written, without exponent notation (5.0E7 → 50000000). */
    private static BigDecimal value(Double v) {
        return v == null ? null : plain(BigDecimal.valueOf(v));
    }

    private static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
