package org.innoladder.points.web;

import org.innoladder.points.PointsStatistics;
import java.util.List;
import java.util.Locale;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Feeds the enterprise file page's points section ({@code points/fragments :: file}) without the enterprise package
 * knowing about points: the stored points of the page's enterprise in the caller's scope, newest year first.
 */
@ControllerAdvice(assignableTypes = EnterpriseFilePage.class)
public class PointsFileAdvice {
    private final PointsStatistics statistics;

    public PointsFileAdvice(PointsStatistics statistics) {
        this.statistics = statistics;
    }

    @ModelAttribute("enterprisePoints")
    public List<PointsStatistics.StoredPoints> points(@PathVariable(name = "creditCode", required = false) String creditCode,
                                                      CurrentUser user) {
        if (creditCode == null || user == null) return List.of();
        return statistics.forEnterprise(user.scope(), creditCode.strip().toUpperCase(Locale.ROOT), null);
    }
}
