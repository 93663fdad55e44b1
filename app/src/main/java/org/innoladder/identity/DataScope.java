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

    /**
     * The enterprises that currently authorise this bank (granted, not expired, not revoked) for every one of
     * {@code parts} (POINTS, FACTS, RECOGNITIONS; the consent table is the credit module's {@code bank_authorisation}).
     * The role's scope asks for all parts, because the file and points pages it opens show all of them; the credit
     * pages ask per part ({@link #forPart}) or for any live consent ({@link #anyConsent}). Revocation and expiry count
     * from the next query: nothing is cached.
     */
    record AuthorisedBank(long bankId, java.util.Set<String> parts) implements DataScope {
        public static final java.util.List<String> PARTS = java.util.List.of("POINTS", "FACTS", "RECOGNITIONS");

        public AuthorisedBank {
            parts = java.util.Set.copyOf(parts);
            for (String p : parts) {
                if (!PARTS.contains(p)) throw new IllegalArgumentException("unknown consent part: " + p);
            }
        }

        /** Every part: what the bank role's scope admits. */
        public AuthorisedBank(long bankId) {
            this(bankId, java.util.Set.copyOf(PARTS));
        }

        public static AuthorisedBank anyConsent(long bankId) {
            return new AuthorisedBank(bankId, java.util.Set.of());
        }

        public static AuthorisedBank forPart(long bankId, String part) {
            return new AuthorisedBank(bankId, java.util.Set.of(part));
        }

        @Override
        public SqlFilter enterpriseFilter(String alias) {
            // the parts are checked against a fixed list above, so naming them in the SQL text binds nothing a caller chose
            String needed = parts.isEmpty() ? "" : " AND ba.parts @> ARRAY[" + PARTS.stream().filter(parts::contains)
                    .map(p -> "'" + p + "'").collect(java.util.stream.Collectors.joining(",")) + "]::text[]";
            return new SqlFilter("EXISTS (SELECT 1 FROM bank_authorisation ba WHERE ba.enterprise_id = " + alias
                    + ".id AND ba.bank_id = :scope_bank AND ba.revoked_at IS NULL AND ba.expires_at > now()" + needed + ")",
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
