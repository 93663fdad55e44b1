package org.innoladder.identity.internal;

import org.innoladder.region.Regions;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link ScopeDirectory} over the region, enterprise and bank tables (read only). */
@Repository
public class JdbcScopeDirectory implements ScopeDirectory {
    private final JdbcClient jdbc;

    private final Regions regions;

    public JdbcScopeDirectory(Regions regions, JdbcClient jdbc) {
        this.regions = regions;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Region> region(String code) {
        return regions.find(code).map(r -> new Region(r.code(), r.name(), r.level()));
    }

    @Override
    public Optional<Enterprise> enterpriseByCreditCode(String creditCode) {
        return jdbc.sql("SELECT id, credit_code, name FROM enterprise WHERE credit_code = :c").param("c", creditCode)
                .query((rs, i) -> new Enterprise(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    @Override
    public Optional<Enterprise> enterprise(long id) {
        return jdbc.sql("SELECT id, credit_code, name FROM enterprise WHERE id = :id").param("id", id)
                .query((rs, i) -> new Enterprise(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    @Override
    public Optional<Bank> bankByCode(String code) {
        return jdbc.sql("SELECT id, code, name FROM bank WHERE code = :c").param("c", code)
                .query((rs, i) -> new Bank(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    @Override
    public Optional<Bank> bank(long id) {
        return jdbc.sql("SELECT id, code, name FROM bank WHERE id = :id").param("id", id)
                .query((rs, i) -> new Bank(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    public List<Bank> banks() {
        return jdbc.sql("SELECT id, code, name FROM bank ORDER BY code")
                .query((rs, i) -> new Bank(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }
}
