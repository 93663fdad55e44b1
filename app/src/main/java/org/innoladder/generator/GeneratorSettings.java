package org.innoladder.generator;

/**
 * What to generate: {@code enterprises} invented enterprises with yearly rows for {@code fromYear..toYear}
 * (from their founding year on), all drawn from {@code seed}. With {@code withErrors} one row in every
 * {@link SyntheticData#ERROR_EVERY} is replaced by an invalid one (see {@link ErrorKind}).
 */
public record GeneratorSettings(int enterprises, int fromYear, int toYear, long seed, boolean withErrors) {
    /** The most enterprises one data set can hold with unique names and credit codes. */
    public static final int MAX_ENTERPRISES = 1_000_000;
    public static final int FIRST_FOUNDING_YEAR = 1995;

    /** The default demo data set loaded on first start: about 6,000 enterprises over 2019–2024. */
    public static GeneratorSettings demo() {
        return new GeneratorSettings(6000, 2019, 2024, 2026, false);
    }

    public GeneratorSettings {
        if (enterprises < 1 || enterprises > MAX_ENTERPRISES) {
            throw new IllegalArgumentException("enterprises must be 1.." + MAX_ENTERPRISES + ", is " + enterprises);
        }
        if (fromYear < 1990 || toYear > 2100 || fromYear > toYear) {
            throw new IllegalArgumentException("years must satisfy 1990 ≤ from ≤ to ≤ 2100, are " + fromYear + "-" + toYear);
        }
        if (toYear < FIRST_FOUNDING_YEAR) {
            throw new IllegalArgumentException("the last year must be " + FIRST_FOUNDING_YEAR + " or later (first founding year)");
        }
    }

    public GeneratorSettings withErrors(boolean errors) {
        return new GeneratorSettings(enterprises, fromYear, toYear, seed, errors);
    }
}
