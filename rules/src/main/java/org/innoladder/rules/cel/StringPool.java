package org.innoladder.rules.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns text facts and text constants to small integer codes so that compiled expressions compare text
 * as numbers. Process-wide, so a population and a ruleset compiled separately agree on codes.
 */
public final class StringPool {
    private static final ConcurrentHashMap<String, Integer> CODES = new ConcurrentHashMap<>();
    private static final List<String> VALUES = new ArrayList<>();

    private StringPool() {
    }

    public static double code(String s) {
        Integer c = CODES.get(s);
        if (c != null) return c;
        synchronized (VALUES) {
            return CODES.computeIfAbsent(s, k -> {
                VALUES.add(k);
                return VALUES.size() - 1;
            });
        }
    }

    public static String value(double code) {
        if (Double.isNaN(code)) return null;
        synchronized (VALUES) {
            return VALUES.get((int) code);
        }
    }
}
