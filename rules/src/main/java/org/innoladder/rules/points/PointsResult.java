package org.innoladder.rules.points;

import java.util.List;

/** The points of every enterprise of a population for one year, in population order (first appearance). */
public record PointsResult(String modelId, String modelVersion, int year, List<EnterprisePoints> enterprises) {
    /** The enterprise with this credit code, or null. */
    public EnterprisePoints get(String creditCode) {
        for (EnterprisePoints e : enterprises) {
            if (e.creditCode().equals(creditCode)) return e;
        }
        return null;
    }

    /** How many enterprises are in a stage. */
    public long stageSize(String stage) {
        return enterprises.stream().filter(e -> e.stage().equals(stage)).count();
    }
}
