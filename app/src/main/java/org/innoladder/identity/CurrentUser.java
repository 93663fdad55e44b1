package org.innoladder.identity;

import java.io.Serializable;

/**
 * The signed-in user as the rest of the application sees it: who, which role, and the data scope that
 * follows from the role.
 */
public record CurrentUser(long id, String username, String displayName, Role role, String regionCode,
                          Long enterpriseId, Long bankId) implements Serializable {

    public DataScope scope() {
        return switch (role) {
            case ADMIN -> new DataScope.All();
            case BUREAU, TOWN, LEADER -> new DataScope.RegionSubtree(regionCode);
            case ENTERPRISE -> new DataScope.OwnEnterprise(enterpriseId);
            case BANK -> new DataScope.AuthorisedBank(bankId);
            case EXPERT -> new DataScope.AssignedReviews(id);
            case SOLVER -> new DataScope.Nothing();
        };
    }

    public boolean canWrite() {
        return role.canWrite();
    }
}
