package org.innoladder.generator.internal;

/**
 * A seeded bijection of [0, size): k → (a·k + b) mod size with a coprime to size. Used to hand every
 * enterprise index its own credit-code body and name word, unique by construction, with no global
 * bookkeeping (so enterprises can be generated independently and lazily).
 */
final class Permutation {
    private final long size;
    private final long a;
    private final long b;

    Permutation(long size, long seed) {
        if (size < 2 || size > Integer.MAX_VALUE) throw new IllegalArgumentException("size " + size);
        this.size = size;
        long m = Math.floorMod(Rng.mix(seed, size), size);
        long candidate = Math.max(2, m | 1);
        while (gcd(candidate, size) != 1) candidate++;
        this.a = candidate % size; // still coprime: candidate ≡ a (mod size)
        this.b = Math.floorMod(Rng.mix(seed, ~size), size);
    }

    long apply(long k) {
        if (k < 0 || k >= size) throw new IllegalArgumentException(k + " outside [0, " + size + ")");
        // a, b, k < size ≤ 2^31, so a·k + b cannot overflow
        return (a * k + b) % size;
    }

    private static long gcd(long x, long y) {
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
}
