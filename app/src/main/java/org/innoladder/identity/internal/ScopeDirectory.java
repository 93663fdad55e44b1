package org.innoladder.identity.internal;

import java.util.Optional;

/** Lookups of the things a user's data scope can point at; the user rules depend only on this. */
public interface ScopeDirectory {
    record Region(String code, String name, String level) {
    }

    record Enterprise(long id, String creditCode, String name) {
    }

    record Bank(long id, String code, String name) {
    }

    Optional<Region> region(String code);

    Optional<Enterprise> enterpriseByCreditCode(String creditCode);

    Optional<Enterprise> enterprise(long id);

    Optional<Bank> bankByCode(String code);

    Optional<Bank> bank(long id);
}
