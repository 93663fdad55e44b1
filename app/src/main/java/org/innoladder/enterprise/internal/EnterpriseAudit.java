package org.innoladder.enterprise.internal;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Records views and exports of enterprise data in the audit trail. An enterprise user reading its own file is
 * not a view of another party's data and is not recorded.
 */
@Component
public class EnterpriseAudit {
    private final AuditTrail trail;

    EnterpriseAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void viewed(CurrentUser user, String creditCode, String channel, HttpServletRequest request) {
        if (user.role() == Role.ENTERPRISE) return;
        trail.record(user.username(), "enterprise.view", "enterprise:" + creditCode, channel, request.getRemoteAddr());
    }

    public void exported(CurrentUser user, EnterpriseSearch search, int rows, HttpServletRequest request) {
        trail.record(user.username(), "enterprise.export", null, "rows=" + rows + " filters=" + search.filterParams(),
                request.getRemoteAddr());
    }
}
