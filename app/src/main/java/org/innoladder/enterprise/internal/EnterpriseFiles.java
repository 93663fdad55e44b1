package org.innoladder.enterprise.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.innoladder.enterprise.internal.EnterpriseFileView.FactCell;
import org.innoladder.enterprise.internal.EnterpriseFileView.FactLine;
import org.innoladder.enterprise.internal.EnterpriseFileView.Provenance;
import org.innoladder.rules.facts.Column;
import org.innoladder.identity.DataScope;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** Assembles the enterprise file page from the scoped queries. */
@Service
public class EnterpriseFiles {
    private final EnterpriseQueries queries;
    private final FactFormatter format;
    private final MessageSource messages;

    public EnterpriseFiles(EnterpriseQueries queries, FactFormatter format, MessageSource messages) {
        this.queries = queries;
        this.format = format;
        this.messages = messages;
    }

    /** The file of an enterprise in the caller's scope; empty when it does not exist or lies outside the scope. */
    public Optional<EnterpriseFileView> load(DataScope scope, String creditCode, Locale locale) {
        Optional<EnterpriseProfile> found = queries.profile(scope, creditCode);
        if (found.isEmpty()) return Optional.empty();
        EnterpriseProfile profile = found.get();
        List<RecognitionHeld> recognitions = queries.recognitions(scope, creditCode);
        List<YearFacts> years = queries.years(scope, creditCode, null);

        Set<Long> batchIds = new HashSet<>(profile.sources().values());
        years.forEach(y -> batchIds.addAll(y.sources().values()));
        Map<Long, ImportBatchRef> batches = queries.batches(batchIds);
        Function<Long, Provenance> provenance = id -> id == null ? null : new Provenance(id, note(id, batches, locale), "/imports/" + id);

        List<FactLine> lines = new ArrayList<>();
        for (Column c : EnterpriseQueries.yearColumns()) {
            List<FactCell> cells = new ArrayList<>();
            for (YearFacts y : years) {
                Object value = y.value(c.key());
                YearFacts.RegistrySource registry = y.registrySources().get(c.key());
                cells.add(new FactCell(format.fact(c, value, locale), registry != null ? registryProvenance(registry, locale)
                        : provenance.apply(y.sources().get(c.key()))));
            }
            lines.add(new FactLine(c.key(), format.label(c, locale), format.unit(c, locale), cells));
        }
        Map<String, Provenance> identitySources = new LinkedHashMap<>();
        profile.sources().forEach((column, id) -> identitySources.put(column, provenance.apply(id)));

        return Optional.of(new EnterpriseFileView(profile, recognitions, years.stream().map(YearFacts::year).toList(),
                lines, chart(years, locale), identitySources));
    }

    /** A registry record's note and page (its own href, else the registry's record page /resources/{registry}s/{id}). */
    private Provenance registryProvenance(YearFacts.RegistrySource r, Locale locale) {
        String what = "en".equals(locale.getLanguage()) ? r.noteEn() : r.noteZh();
        return new Provenance(null, messages.getMessage("enterprise.source.registry", new Object[] {what}, locale),
                r.href() != null ? r.href() : "/resources/" + r.registry().replace("rd_", "") + "s/" + r.id());
    }

    private String note(long id, Map<Long, ImportBatchRef> batches, Locale locale) {
        ImportBatchRef b = batches.get(id);
        if (b == null) return messages.getMessage("enterprise.source.batch", new Object[] {String.valueOf(id)}, locale);
        return messages.getMessage("enterprise.source.batchFile", new Object[] {String.valueOf(id), b.fileName(), b.source()}, locale);
    }

    /** Chart series: revenue in 万元, R&D intensity in percent, staff counts; null where unknown (a gap). */
    private Map<String, Object> chart(List<YearFacts> years, Locale locale) {
        List<Integer> labels = new ArrayList<>();
        List<Double> revenue = new ArrayList<>();
        List<Double> rd = new ArrayList<>();
        List<Integer> employees = new ArrayList<>();
        List<Integer> tech = new ArrayList<>();
        List<Integer> rdStaff = new ArrayList<>();
        for (YearFacts y : years) {
            labels.add(y.year());
            BigDecimal sales = (BigDecimal) y.value(Column.SALES_REVENUE.key());
            BigDecimal rdExpense = (BigDecimal) y.value(Column.RD_EXPENSE.key());
            revenue.add(sales == null ? null : FactFormatter.toWan(sales).doubleValue());
            rd.add(sales == null || rdExpense == null || sales.signum() == 0 ? null
                    : FactFormatter.toPercent(rdExpense.divide(sales, 8, java.math.RoundingMode.HALF_UP)).doubleValue());
            employees.add((Integer) y.value(Column.EMPLOYEES.key()));
            tech.add((Integer) y.value(Column.TECH_STAFF.key()));
            rdStaff.add((Integer) y.value(Column.RD_STAFF.key()));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("years", labels);
        chart.put("revenue", revenue);
        chart.put("rdIntensity", rd);
        chart.put("employees", employees);
        chart.put("techStaff", tech);
        chart.put("rdStaff", rdStaff);
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : List.of("revenue", "rdIntensity", "employees", "techStaff", "rdStaff")) {
            names.put(key, messages.getMessage("enterprise.chart." + key, null, locale));
        }
        chart.put("names", names);
        return chart;
    }
}
