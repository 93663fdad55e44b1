package org.innoladder.enterprise;

import java.util.List;

import org.innoladder.identity.DataScope;
import org.innoladder.region.RegionOption;

/**
 * The district and town choices of a region filter, within a caller's data scope: for a region scope the regions of
 * its subtree, otherwise the regions where the caller's enterprises are (so it depends on the enterprises).
 */
public interface RegionFilters {
    /** Districts (counties) the caller may filter by. */
    List<RegionOption> districts(DataScope scope);

    /** Provinces and cities (codes of at most 4 digits) with at least one enterprise, by code. */
    List<RegionOption> citiesWithEnterprises();

    /** Towns within a county (null: only when the scope lies within one county) the caller may filter by. */
    List<RegionOption> towns(DataScope scope, String county);
}
