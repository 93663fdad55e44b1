package org.innoladder.assessment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The ranking schemes shipped in {@code classpath:assessment/*.yaml}, read and checked once at start: a scheme that
 * does not parse, lacks a citation, has no indicator, a weight not above 0, a cap below 1, or overlapping effective
 * dates with another scheme stops the application with the file and the rule named.
 */
@Service
public class Schemes {
    private final List<Scheme> schemes;

    public Schemes() {
        List<Scheme> read = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:assessment/*.yaml")) {
                try (InputStream in = r.getInputStream()) {
                    read.add(parse(in, r.getFilename()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the assessment schemes", e);
        }
        read.sort(Comparator.comparing(Scheme::effectiveFrom));
        for (int i = 1; i < read.size(); i++) {
            Scheme a = read.get(i - 1), b = read.get(i);
            if (a.effectiveTo() == null || !a.effectiveTo().isBefore(b.effectiveFrom())) {
                throw new IllegalStateException("assessment schemes " + a.id() + " and " + b.id() + " overlap in their effective dates");
            }
        }
        this.schemes = List.copyOf(read);
    }

    public List<Scheme> all() {
        return schemes;
    }

    /** The scheme in force on the day, if any. */
    public Optional<Scheme> on(LocalDate day) {
        return schemes.stream().filter(s -> s.appliesOn(day)).findFirst();
    }

    static Scheme parse(InputStream in, String file) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(doc instanceof Map<?, ?> m)) throw bad(file, "is not a mapping");
        List<Scheme.Indicator> indicators = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (!(m.get("indicators") instanceof List<?> list) || list.isEmpty()) throw bad(file, "has no indicators");
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> i)) throw bad(file, "has an indicator that is not a mapping");
            String id = text(i, "id", file);
            if (!ids.add(id)) throw bad(file, "names indicator " + id + " twice");
            BigDecimal weight = new BigDecimal(text(i, "weight", file));
            if (weight.signum() <= 0) throw bad(file, "gives indicator " + id + " a weight not above 0");
            String metric = text(i, "metric", file).toUpperCase(Locale.ROOT);
            String tier = i.get("tier") == null ? null : i.get("tier").toString().toUpperCase(Locale.ROOT);
            indicators.add(new Scheme.Indicator(id, text(i, "name_zh", file), text(i, "name_en", file), metric, tier, weight));
        }
        BigDecimal cap = new BigDecimal(text(m, "cap", file));
        if (cap.compareTo(BigDecimal.ONE) < 0) throw bad(file, "caps the completion rate below 100%");
        String citation = text(m, "citation", file);
        LocalDate from = date(m.get("effective_from"), "effective_from", file);
        LocalDate to = m.get("effective_to") == null ? null : date(m.get("effective_to"), "effective_to", file);
        Scheme.Missing missing = Scheme.Missing.valueOf(text(m, "missing", file).toUpperCase(Locale.ROOT));
        return new Scheme(text(m, "id", file), text(m, "name_zh", file), text(m, "name_en", file), Boolean.TRUE.equals(m.get("example")),
                citation, from, to, cap, missing, List.copyOf(indicators));
    }

    /** YAML reads an unquoted date as a timestamp at midnight UTC; a quoted one as text. */
    private static LocalDate date(Object v, String key, String file) {
        if (v instanceof java.util.Date d) return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        if (v == null) throw bad(file, "lacks " + key);
        try {
            return LocalDate.parse(v.toString().strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw bad(file, "gives " + key + " as " + v + ", not a date YYYY-MM-DD");
        }
    }

    private static String text(Map<?, ?> m, String key, String file) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) throw bad(file, "lacks " + key);
        return v.toString().strip();
    }

    private static IllegalStateException bad(String file, String what) {
        return new IllegalStateException("assessment scheme " + file + " " + what);
    }
}
