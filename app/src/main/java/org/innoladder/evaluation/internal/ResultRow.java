package org.innoladder.evaluation.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One enterprise's stored result in a results list. */
@Schema(description = "An enterprise's stored evaluation result (summary)")
public record ResultRow(String creditCode, String name, String countyName, String townName, String ruleset,
                        String version, int year, String outcome, Integer scoreMin, Integer scoreMax,
                        @Schema(description = "ids of the failed criteria") List<String> failing,
                        @Schema(description = "number of gaps found") int gaps) {
}
