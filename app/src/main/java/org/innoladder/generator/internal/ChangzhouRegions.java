package org.innoladder.generator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real statistical division codes of 常州市 (classpath {@code regions/regions-changzhou.csv}) with the
 * weights the generator places enterprises by: 新北区 and 武进区 hold most firms; development zones, resorts
 * and farms (town codes 400–599) get a smaller share; prisons get none.
 */
public final class ChangzhouRegions {
    public static final String RESOURCE = "regions/regions-changzhou.csv";

    /** District (county-level) weights: share of enterprises registered there. */
    private static final Map<String, Double> DISTRICT_WEIGHTS = Map.of(
            "320402", 10.0,  // 天宁区
            "320404", 9.0,   // 钟楼区
            "320411", 30.0,  // 新北区 (national high-tech zone)
            "320412", 32.0,  // 武进区
            "320413", 9.0,   // 金坛区
            "320481", 10.0); // 溧阳市
    private static final double ZONE_WEIGHT = 0.4;

    /** A region row of the table. */
    public record Region(String code, String name, String level, String parentCode) {
    }

    private static volatile ChangzhouRegions instance;

    private final Map<String, Region> byCode;
    private final List<String> districts = new ArrayList<>();
    private final double[] districtWeights;
    private final Map<String, List<String>> towns = new LinkedHashMap<>();
    private final Map<String, double[]> townWeights = new LinkedHashMap<>();

    private ChangzhouRegions(Map<String, Region> byCode) {
        this.byCode = byCode;
        for (Region r : byCode.values()) {
            if (r.level().equals("county")) {
                districts.add(r.code());
                towns.put(r.code(), new ArrayList<>());
            }
        }
        districtWeights = districts.stream().mapToDouble(d -> DISTRICT_WEIGHTS.getOrDefault(d, 5.0)).toArray();
        for (Region r : byCode.values()) {
            if (r.level().equals("town") && !r.name().endsWith("监狱")) {
                towns.get(r.parentCode()).add(r.code());
            }
        }
        for (Map.Entry<String, List<String>> e : towns.entrySet()) {
            townWeights.put(e.getKey(), e.getValue().stream()
                    .mapToDouble(code -> code.charAt(6) >= '4' ? ZONE_WEIGHT : 1.0).toArray());
        }
    }

    public static ChangzhouRegions get() {
        ChangzhouRegions r = instance;
        if (r == null) {
            synchronized (ChangzhouRegions.class) {
                if (instance == null) instance = new ChangzhouRegions(load());
                r = instance;
            }
        }
        return r;
    }

    private static Map<String, Region> load() {
        Map<String, Region> rows = new LinkedHashMap<>();
        try (InputStream in = ChangzhouRegions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header code,name,level,parent_code
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                rows.put(f[0], new Region(f[0], f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Every row of the table, keyed by code. */
    public Map<String, Region> regions() {
        return byCode;
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    /** The county-level codes (6 digits). */
    public List<String> districts() {
        return districts;
    }

    /** A town code (9 digits) of a weighted district; {@code countyOnly} returns the district itself. */
    String pick(Rng rng, boolean countyOnly) {
        String district = districts.get(rng.weighted(districtWeights));
        if (countyOnly) return district;
        List<String> candidates = towns.get(district);
        return candidates.get(rng.weighted(townWeights.get(district)));
    }
}
