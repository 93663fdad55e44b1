package org.innoladder.challenge.internal;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.ladder.TargetMetric;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 揭榜挂帅项目数 as a target metric of the ladder ({@link TargetMetric}, defined by the ladder): the challenges of a
 * region subtree signed (签约, the CONTRACT step) in the year, whatever happened to them afterwards (accepted or
 * terminated) — the projects the bureau organised that year (常州: "组织'揭榜挂帅'重大技术攻关项目30个以上").
 * A challenge counts where it is filed (its region), within the caller's region scope; any other scope counts none.
 */
@Component
class ChallengeProjectsMetric implements TargetMetric {
    static final String CODE = "CHALLENGE_PROJECTS";

    private final JdbcClient jdbc;

    ChallengeProjectsMetric(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String nameZh() {
        return "揭榜挂帅项目数（年内签约）";
    }

    @Override
    public String nameEn() {
        return "Challenge projects (open competition) contracted in the year";
    }

    @Override
    public String unit() {
        return "projects";
    }

    @Override
    public long actual(CurrentUser user, String region, int year) {
        String scope;
        if (user.scope() instanceof DataScope.All) scope = "";
        else if (user.scope() instanceof DataScope.RegionSubtree s) scope = s.regionCode();
        else return 0;
        return jdbc.sql("""
                SELECT count(*) FROM challenge c
                WHERE c.region_code LIKE :scope AND c.region_code LIKE :region
                  AND EXISTS (SELECT 1 FROM challenge_event ev WHERE ev.challenge_id = c.id AND ev.action = 'CONTRACT'
                              AND ev.at >= make_timestamptz(:year, 1, 1, 0, 0, 0, 'Asia/Shanghai')
                              AND ev.at < make_timestamptz(:year + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai'))""")
                .param("scope", scope + "%").param("region", (region == null ? "" : region) + "%").param("year", year)
                .query(Long.class).single();
    }
}
