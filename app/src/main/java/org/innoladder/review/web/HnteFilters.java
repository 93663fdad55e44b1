package org.innoladder.review.web;

import org.innoladder.identity.CurrentUser;
import org.innoladder.review.domain.DossierStatus;
import org.innoladder.review.domain.HntePrediction;
import org.innoladder.review.internal.HnteDossiers;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;

/** The HNTE dossier lists' parameters (page, Excel, API), parsed once: the ladder's drill-down links use all of them. */
final class HnteFilters {
    /** Members (IN) or non-members (OUT) of the HNTE reserve pool of the year. */
    enum Pool { IN, OUT }

    private HnteFilters() {
    }

    static HnteDossiers.Filter parse(CurrentUser user, String year, String status, String region, String pool, String predicted) {
        Integer y = Params.optionalYear("year", year);
        DossierStatus s = Params.choice("status", status, DossierStatus.class);
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        Pool p = Params.choice("pool", pool, Pool.class);
        if (p != null && y == null) {
            throw new BadParameterException("pool", pool, "按后备库筛选须同时指定年度（year）", "filtering by the reserve pool needs a year");
        }
        HntePrediction.Kind k = Params.choice("predicted", predicted, HntePrediction.Kind.class);
        return new HnteDossiers.Filter(y, s, r == null ? null : r + "%", p == null ? null : p == Pool.IN, k);
    }
}
