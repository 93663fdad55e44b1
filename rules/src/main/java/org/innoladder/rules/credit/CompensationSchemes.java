package org.innoladder.rules.credit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.rules.yaml.BundledFiles;
import org.innoladder.rules.yaml.YamlDoc;

/**
 * Loads compensation schemes: the bundled ones ({@code compensation/index.txt}: the Anhui default first, the 如皋
 * variant beside it) or a file. Every parameter is {@code {value, note}}; a value of {@code ~} means "none" (no cap,
 * no threshold). Errors name the file and the field.
 */
public final class CompensationSchemes {
    public static final String DEFAULT = "anhui_default";
    private static final BundledFiles BUNDLED = new BundledFiles("compensation/");

    private CompensationSchemes() {
    }

    /** The codes of the bundled schemes, the default first. */
    public static List<String> bundled() {
        return BUNDLED.indexLines().stream().map(l -> l.replace(".yaml", "")).toList();
    }

    public static CompensationScheme bundled(String code) {
        if (!bundled().contains(code)) {
            throw new CompensationSchemeException("scheme: no bundled scheme '" + code + "' (known: " + bundled() + ")");
        }
        try (InputStream in = BUNDLED.resource(code + ".yaml")) {
            return parse(code + ".yaml", new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompensationScheme defaultScheme() {
        return bundled(DEFAULT);
    }

    public static CompensationScheme file(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), r);
        } catch (IOException e) {
            throw new CompensationSchemeException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** A bundled test file ({@code <code>.tests.yaml}) as plain maps. */
    public static Map<String, Object> bundledTests(String code) {
        try (InputStream in = BUNDLED.resource(code + ".tests.yaml")) {
            return map(code + ".tests.yaml", "(root)", YamlDoc.parse(code + ".tests.yaml",
                    new InputStreamReader(in, StandardCharsets.UTF_8)).root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompensationScheme parse(String file, Reader reader) {
        Object root;
        try {
            root = YamlDoc.parse(file, reader).root();
        } catch (RuntimeException e) {
            throw new CompensationSchemeException(file + ": not YAML (" + e.getMessage() + ")");
        }
        Map<String, Object> m = map(file, "(root)", root);
        String code = text(file, m, "code");
        Map<String, Object> title = map(file, "title", m.get("title"));
        List<CompensationScheme.Citation> citations = new ArrayList<>();
        Object cs = m.get("citations");
        if (!(cs instanceof List<?> list) || list.isEmpty()) {
            throw new CompensationSchemeException(file + ": citations: at least one citation is required");
        }
        for (Object o : list) {
            Map<String, Object> c = map(file, "citations[]", o);
            citations.add(new CompensationScheme.Citation(text(file, c, "document"), (String) c.get("clause"),
                    text(file, c, "trust"), (String) c.get("note")));
        }
        Map<String, Object> p = map(file, "parameters", m.get("parameters"));
        Map<String, String> notes = new LinkedHashMap<>();
        BigDecimal direct = share(file, p, "share_direct", notes, true);
        BigDecimal guaranteed = share(file, p, "share_guaranteed", notes, true);
        BigDecimal bonus = share(file, p, "bonus_first_or_pure_credit", notes, true);
        BigDecimal cap = share(file, p, "cumulative_cap_of_loss", notes, true);
        BigDecimal perLoan = amount(file, p, "per_loan_cap_yuan", notes);
        BigDecimal perBank = amount(file, p, "per_bank_cap_yuan", notes);
        BigDecimal minNew = amount(file, p, "min_new_credit_yuan", notes);
        Map<String, Object> wl = map(file, "parameters.whitelist_only", p.get("whitelist_only"));
        Object wlv = wl.get("value");
        if (!"true".equals(wlv) && !"false".equals(wlv)) {
            throw new CompensationSchemeException(file + ": parameters.whitelist_only.value: '" + wlv + "' is not true or false");
        }
        notes.put("whitelist_only", text(file, wl, "note"));
        return new CompensationScheme(code, text(file, title, "zh"), text(file, title, "en"), List.copyOf(citations),
                direct, guaranteed, bonus, cap, perLoan, perBank, Boolean.parseBoolean((String) wlv), minNew, notes);
    }

    private static BigDecimal share(String file, Map<String, Object> p, String name, Map<String, String> notes, boolean required) {
        BigDecimal v = value(file, p, name, notes);
        if (v == null && required) throw new CompensationSchemeException(file + ": parameters." + name + ".value is required");
        if (v != null && (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0)) {
            throw new CompensationSchemeException(file + ": parameters." + name + ".value: " + v + " is not a share between 0 and 1");
        }
        return v;
    }

    private static BigDecimal amount(String file, Map<String, Object> p, String name, Map<String, String> notes) {
        BigDecimal v = value(file, p, name, notes);
        if (v != null && v.signum() < 0) {
            throw new CompensationSchemeException(file + ": parameters." + name + ".value: " + v + " is negative");
        }
        return v;
    }

    private static BigDecimal value(String file, Map<String, Object> p, String name, Map<String, String> notes) {
        Map<String, Object> e = map(file, "parameters." + name, p.get(name));
        notes.put(name, text(file, e, "note"));
        Object v = e.get("value");
        if (v == null) return null;
        try {
            return new BigDecimal(v.toString().strip());
        } catch (NumberFormatException ex) {
            throw new CompensationSchemeException(file + ": parameters." + name + ".value: '" + v + "' is not a number");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String file, String field, Object o) {
        if (!(o instanceof Map<?, ?>)) throw new CompensationSchemeException(file + ": " + field + ": a mapping is required");
        return (Map<String, Object>) o;
    }

    private static String text(String file, Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) throw new CompensationSchemeException(file + ": " + key + ": text is required");
        return s;
    }
}
