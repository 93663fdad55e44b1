package org.innoladder.enterprise;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Records views and exports of enterprise data in the audit trail. The trail's implementation belongs to the
 * audit capability; until it is wired in (it lands on main separately) nothing is recorded.
 */
@Component
class EnterpriseAudit {
    private final ObjectProvider<AuditTrail> trail;

    EnterpriseAudit(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    void viewed(CurrentUser user, String creditCode, String channel, HttpServletRequest request) {
        trail.ifAvailable(t -> t.record(user.username(), "enterprise.view", "enterprise:" + creditCode, channel,
                request.getRemoteAddr()));
    }

    void exported(CurrentUser user, EnterpriseSearch search, int rows, HttpServletRequest request) {
        trail.ifAvailable(t -> t.record(user.username(), "enterprise.export", null,
                "rows=" + rows + " filters=" + search.filterParams(), request.getRemoteAddr()));
    }
}
