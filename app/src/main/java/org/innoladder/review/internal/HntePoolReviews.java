package org.innoladder.review.internal;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.PoolReviews;
import org.innoladder.review.domain.DossierStatus;
import org.innoladder.review.domain.HntePrediction;
import org.innoladder.rules.ladder.Tier;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The HNTE application review's progress on the ladder pages ({@link PoolReviews}, defined by the ladder): the HNTE
 * reserve-pool members of the year with a dossier, per level in the order of the three-level review, each level split
 * by predicted outcome; every count links to {@code /hnte} narrowed to exactly those dossiers.
 */
@Component
class HntePoolReviews implements PoolReviews {
    /** The levels in the order a dossier passes them; a returned dossier waits at the applicant. */
    static final List<DossierStatus> LEVELS = List.of(DossierStatus.SUBMITTED, DossierStatus.TOWN_CHECKED, DossierStatus.CITY_CHECKED,
            DossierStatus.SCORED, DossierStatus.RETURNED);

    private final HnteDossiers dossiers;

    HntePoolReviews(HnteDossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public Tier tier() {
        return Tier.HNTE;
    }

    @Override
    public Progress progress(CurrentUser user, String region, int year) {
        String pattern = LadderService.prefix(region);
        List<HnteDossiers.Row> members = dossiers.list(user, new HnteDossiers.Filter(year, null, pattern, true, null), Integer.MAX_VALUE);
        int outside = dossiers.list(user, new HnteDossiers.Filter(year, null, pattern, false, null), Integer.MAX_VALUE).size();
        List<Level> levels = new ArrayList<>();
        for (DossierStatus s : LEVELS) {
            List<HnteDossiers.Row> at = members.stream().filter(r -> r.status() == s).toList();
            List<Prediction> predictions = new ArrayList<>();
            for (HntePrediction.Kind k : HntePrediction.Kind.values()) {
                int n = (int) at.stream().filter(r -> r.predictedKind() == k).count();
                if (n > 0) predictions.add(new Prediction(k.name(), k.zh(), k.en(), n, href(year, region, "IN", s, k)));
            }
            levels.add(new Level(s.name(), s.levelZh() + "：" + s.zh(), s.en(), at.size(), href(year, region, "IN", s, null), predictions));
        }
        return new Progress(Tier.HNTE, "高企申报三级审查", "HNTE application review (three levels)", levels, members.size(), outside,
                href(year, region, "IN", null, null), href(year, region, "OUT", null, null));
    }

    static String href(int year, String region, String pool, DossierStatus status, HntePrediction.Kind predicted) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/hnte").queryParam("year", year).queryParam("pool", pool);
        if (region != null) b.queryParam("region", region);
        if (status != null) b.queryParam("status", status.name());
        if (predicted != null) b.queryParam("predicted", predicted.name());
        return b.build().toUriString();
    }
}
