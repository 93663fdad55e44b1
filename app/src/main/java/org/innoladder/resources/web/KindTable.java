package org.innoladder.resources.web;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.resources.internal.PlatformKind;
import org.innoladder.resources.internal.Platforms;
import org.innoladder.resources.internal.ResourceLevel;

/** The platforms per kind (rows) and level (columns), every kind listed even when it has none. */
public record KindTable(List<Line> lines, long national, long provincial, long municipal) {
    public record Line(PlatformKind kind, long national, long provincial, long municipal) {
        public long total() { return national + provincial + municipal; }
    }

    public long total() { return national + provincial + municipal; }

    static KindTable of(List<Platforms.KindCount> counts) {
        List<Line> lines = new ArrayList<>();
        long[] sum = new long[3];
        for (PlatformKind k : PlatformKind.values()) {
            long[] n = new long[3];
            for (Platforms.KindCount c : counts) {
                if (c.kind() == k) n[c.level().ordinal()] += c.count();
            }
            for (int i = 0; i < 3; i++) sum[i] += n[i];
            lines.add(new Line(k, n[ResourceLevel.NATIONAL.ordinal()], n[ResourceLevel.PROVINCIAL.ordinal()], n[ResourceLevel.MUNICIPAL.ordinal()]));
        }
        return new KindTable(lines, sum[0], sum[1], sum[2]);
    }
}
