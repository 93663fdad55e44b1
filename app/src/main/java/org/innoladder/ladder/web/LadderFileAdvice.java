package org.innoladder.ladder.web;

import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.TierDecision;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Feeds the enterprise file page's tier lines ({@code ladder/fragments :: tiers}) for the roles that see the ladder,
 * without the enterprise package knowing about it.
 */
@ControllerAdvice(assignableTypes = EnterpriseFilePage.class)
public class LadderFileAdvice {
    static final Set<Role> ROLES = Set.of(Role.ADMIN, Role.BUREAU, Role.TOWN, Role.LEADER);
    private final LadderService ladder;

    public LadderFileAdvice(LadderService ladder) {
        this.ladder = ladder;
    }

    @ModelAttribute("ladderStandings")
    public List<TierDecision.Standing> standings(@PathVariable(name = "creditCode", required = false) String creditCode,
                                                 CurrentUser user) {
        if (creditCode == null || user == null || !ROLES.contains(user.role())) return List.of();
        return ladder.standings(user.scope(), creditCode.strip().toUpperCase(Locale.ROOT), 3);
    }
}
