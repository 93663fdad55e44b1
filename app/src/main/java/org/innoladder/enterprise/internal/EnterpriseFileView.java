package org.innoladder.enterprise.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The enterprise file page (一企一档): identity, recognitions, every yearly fact with its provenance, and the
 * chart series.
 *
 * @param years  accounting years, oldest first (the columns of the facts table)
 * @param lines  one line per yearly data-dictionary column
 * @param chart  series for the ECharts charts, serialised into the page as JSON
 */
public record EnterpriseFileView(EnterpriseProfile profile, List<RecognitionHeld> recognitions, List<Integer> years,
                                 List<FactLine> lines, Map<String, Object> chart,
                                 Map<String, Provenance> identitySources) {

    /** One yearly column across the years. */
    public record FactLine(String key, String label, String unit, List<FactCell> cells) {
    }

    /** One value: its display text ("—" when unknown) and where it came from (null when not recorded). */
    public record FactCell(String display, Provenance provenance) {
    }

    /**
     * The import batch that supplied a value (or, {@code batchId} null, the registry record at {@code href}), with a
     * human-readable note for the tooltip.
     */
    public record Provenance(Long batchId, String note, String href) {
    }

    public String regionPathText() {
        return profile.regionPath().stream().map(EnterpriseProfile.RegionName::name)
                .collect(Collectors.joining(" › "));
    }

    public Provenance identitySource(String column) {
        return identitySources.get(column);
    }
}
