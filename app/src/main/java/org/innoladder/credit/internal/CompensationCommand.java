package org.innoladder.credit.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.UsageException;
import org.innoladder.rules.credit.ClaimColumns;
import org.innoladder.rules.credit.Compensation;
import org.innoladder.rules.credit.CompensationClaim;
import org.innoladder.rules.credit.CompensationScheme;
import org.innoladder.rules.credit.CompensationSchemeException;
import org.innoladder.rules.credit.CompensationSchemes;
import org.innoladder.web.SpreadsheetText;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code compensation --input claims.csv [--scheme FILE] [--format json|csv]}: the pool's amount for each claim of a
 * batch with its explanation, computed by the scheme (the bundled default, or a scheme file) without a database —
 * for auditors checking a batch. Headers in English or Chinese; a bad row is reported with its line, column and value
 * and the command exits 1 without output, so an auditor never reads a partial batch as the whole.
 */
public final class CompensationCommand implements Command {

    @Override
    public String name() {
        return "compensation";
    }

    @Override
    public String usage() {
        return "compensation --input CLAIMS.csv [--scheme FILE.yaml] [--format json|csv]"
                + "   risk-compensation amount per claim with its explanation, no database";
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argList, Set.of(), Set.of("input", "scheme", "format"));
        if (!args.positional().isEmpty()) throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        Path input = Path.of(args.require("input"));
        String format = args.option("format") == null ? "json" : args.option("format");
        if (!format.equals("json") && !format.equals("csv")) throw new UsageException("--format must be json or csv, is '" + format + "'");
        CompensationScheme scheme;
        try {
            scheme = args.option("scheme") == null ? CompensationSchemes.defaultScheme()
                    : CompensationSchemes.file(Path.of(args.option("scheme")));
        } catch (CompensationSchemeException e) {
            err.println("innoladder compensation: 补偿方案无法使用 / scheme not usable: " + e.getMessage());
            return 1;
        }
        if (!Files.isReadable(input)) {
            err.println("innoladder compensation: 无法读取输入文件 / cannot read the input: " + input);
            return 1;
        }
        List<CompensationClaim> claims = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                     .setTrim(true).build().parse(r)) {
            Map<String, String> byColumn = new HashMap<>();
            for (String h : csv.getHeaderNames()) {
                String c = ClaimColumns.column(h);
                if (c == null) {
                    err.println("innoladder compensation: 未知列 / unknown column: '" + h + "'");
                    return 1;
                }
                byColumn.put(c, h);
            }
            List<String> missing = ClaimColumns.missing(byColumn.keySet());
            if (!missing.isEmpty()) {
                err.println("innoladder compensation: 缺少列 / missing columns: " + missing);
                return 1;
            }
            for (CSVRecord rec : csv) {
                Map<String, String> row = new HashMap<>();
                byColumn.forEach((c, h) -> row.put(c, rec.isMapped(h) && rec.isSet(h) ? rec.get(h) : null));
                try {
                    claims.add(ClaimColumns.claim(row));
                } catch (IllegalArgumentException e) {
                    errors.add("line " + (rec.getRecordNumber() + 1) + ": " + e.getMessage());
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("innoladder compensation: 不是可读的 CSV / not a readable CSV: " + e.getMessage());
            return 1;
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> err.println("innoladder compensation: " + e));
            err.println("innoladder compensation: " + errors.size() + " 行有误，未输出结果 / bad row(s), no result written");
            return 1;
        }
        List<Compensation> results = scheme.computeAll(claims);
        if (format.equals("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Compensation c : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("claim_id", c.claimId());
                m.put("amount", c.amount());
                m.put("share", c.share());
                m.put("explanation", c.explanationZh());
                m.put("explanation_en", c.explanationEn());
                rows.add(m);
            }
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } else {
            try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT)) {
                p.printRecord("claim_id", "amount", "share", "explanation", "explanation_en");
                for (Compensation c : results) {
                    // claim ids come from the input: neutralise formula-like text for spreadsheet readers
                    p.printRecord(SpreadsheetText.neutralise(c.claimId()), c.amount().toPlainString(), c.share().toPlainString(),
                            c.explanationZh(), c.explanationEn());
                }
            }
        }
        BigDecimal total = results.stream().map(Compensation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        err.println("compensation (" + scheme.code() + "): " + results.size() + " claims, " + total.toPlainString() + " yuan in all");
        return 0;
    }
}
