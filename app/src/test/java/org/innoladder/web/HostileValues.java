package org.innoladder.web;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeded generation of hostile request values for the property tests. Deterministic per seed: a failure message
 * names its seed, and {@code -Dfuzz.seed=N} replays it; {@code -Dfuzz.tries=N} sets how many tries a property makes.
 */
final class HostileValues {
    private final SplittableRandom random;

    HostileValues(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The seed of this run: the one given with {@code -Dfuzz.seed}, or a fresh one. */
    static long seed() {
        String given = System.getProperty("fuzz.seed");
        return given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.strip());
    }

    static int tries(int fallback) {
        return Integer.getInteger("fuzz.tries", fallback);
    }

    int index(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Text of {@code 0..maxLength} characters drawn from {@code from..to} (inclusive). */
    String text(char from, char to, int maxLength) {
        return text(from, to, 0, maxLength);
    }

    String text(char from, char to, int minLength, int maxLength) {
        int n = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) (from + random.nextInt(to - from + 1)));
        return b.toString();
    }

    String textOf(String alphabet, int minLength, int maxLength) {
        int n = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return b.toString();
    }

    /** One value from one of the generators, each generator equally likely. */
    @SafeVarargs
    final String oneOf(Function<HostileValues, String>... generators) {
        return generators[random.nextInt(generators.length)].apply(this);
    }

    int nextInt() {
        return random.nextInt();
    }

    long nextLong() {
        return random.nextLong();
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
