package org.innoladder.identity;

import java.util.Map;

/**
 * Which enterprises a caller may see. Every query that returns enterprise data adds {@link #enterpriseFilter}
 * for the enterprise table's alias; the values travel as bound parameters, never pasted into SQL.
 */
public sealed interface DataScope {

    /** A WHERE-clause fragment over an {@code enterprise} alias and the named parameters it binds. */
    record SqlFilter(String sql, Map<String, Object> params) {
    }

    SqlFilter enterpriseFilter(String alias);

    /** Everything (platform admin). */
    record All() implements DataScope {
        @Override
        public SqlFilter enterpriseFilter(String alias) {
            return new SqlFilter("true", Map.of());
        }
    }

    /** A region and everything under it: codes are hierarchical, so the subtree is a code prefix. */
    record RegionSubtree(String regionCode) implements DataScope {
        public RegionSubtree {
            if (regionCode == null || !regionCode.matches("[0-9]{2,9}")) {
                throw new IllegalArgumentException("region code must be 2 to 9 digits: " + regionCode);
            }
        }

        @Override
        public SqlFilter enterpriseFilter(String alias) {
            return new SqlFilter(alias + ".region_code LIKE :scope_region", Map.of("scope_region", regionCode + "%"));
        }
    }

    /** One enterprise (its own users). */
    record OwnEnterprise(long enterpriseId) implements DataScope {
        @Override
        public SqlFilter enterpriseFilter(String alias) {
            return new SqlFilter(alias + ".id = :scope_enterprise", Map.of("scope_enterprise", enterpriseId));
        }
    }

    /** The enterprises that currently authorise this bank (granted, not expired, not revoked). */
    record AuthorisedBank(long bankId) implements DataScope {
        @Override
        public SqlFilter enterpriseFilter(String alias) {
            return new SqlFilter("EXISTS (SELECT 1 FROM bank_authorisation ba WHERE ba.enterprise_id = " + alias
                    + ".id AND ba.bank_id = :scope_bank AND ba.revoked_at IS NULL AND ba.expires_at > now())",
                    Map.of("scope_bank", bankId));
        }
    }

    /**
     * The enterprises under review by this expert (an EXPERT user): those with a review case the expert is assigned
     * to and has not declined, unless the review is blind (then the applicant stays hidden, even on its file page).
     * The review module owns the tables; the rule is stated here so every enterprise query applies it.
     */
    record AssignedReviews(long userId) implements DataScope {
        @Override
        public SqlFilter enterpriseFilter(String alias) {
            return new SqlFilter("EXISTS (SELECT 1 FROM review_case rc JOIN review_assignment ra ON ra.case_id = rc.id"
                    + " JOIN review_expert rx ON rx.id = ra.expert_id WHERE rc.enterprise_id = " + alias + ".id"
                    + " AND rx.user_id = :scope_expert AND ra.status <> 'DECLINED' AND NOT rc.blind)",
                    Map.of("scope_expert", userId));
        }
    }

    /** No enterprise data. */
    record Nothing() implements DataScope {
        @Override
        public SqlFilter enterpriseFilter(String alias) {
            return new SqlFilter("false", Map.of());
        }
    }
}
