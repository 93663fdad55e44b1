package org.innoladder.importer.internal;

import java.util.Arrays;

/**
 * The first line of each (credit code, year) key of one file, in about 24 bytes per row: a valid credit code
 * is 18 symbols of a 31-letter alphabet, packed 9 symbols (45 bits) to a long, with the year beside the
 * second half. Open addressing, no per-entry objects, so a million-row file stays small.
 */
final class LineKeys {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private long[] hi = new long[1 << 12];
    private long[] lo = new long[1 << 12];
    private int[] lines = new int[1 << 12];   // 0 = free slot
    private int size;

    /** Records the key's line; returns the line it was first seen on, or 0 when it is new. */
    int putIfAbsent(String creditCode, int year, int line) {
        long h = pack(creditCode, 0);
        long l = (pack(creditCode, 9) << 12) | (year & 0xfff);
        int found = find(h, l);
        if (lines[found] != 0) return lines[found];
        lines[found] = line;
        hi[found] = h;
        lo[found] = l;
        if (++size * 2 > lines.length) grow();
        return 0;
    }

    private int find(long h, long l) {
        int mask = lines.length - 1;
        int i = (int) mix(h * 31 + l) & mask;
        while (lines[i] != 0 && (hi[i] != h || lo[i] != l)) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        int[] olines = lines;
        hi = new long[oh.length * 2];
        lo = new long[ol.length * 2];
        lines = new int[olines.length * 2];
        for (int i = 0; i < olines.length; i++) {
            if (olines[i] != 0) {
                int j = find(oh[i], ol[i]);
                hi[j] = oh[i];
                lo[j] = ol[i];
                lines[j] = olines[i];
            }
        }
    }

    private static long pack(String code, int from) {
        long v = 0;
        for (int i = from; i < from + 9; i++) v = v * 31 + ALPHABET.indexOf(code.charAt(i));
        return v;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x ^ (x >>> 29);
    }

    int size() { return size; }

    @Override
    public String toString() { return "LineKeys" + Arrays.toString(new int[]{size}); }
}
