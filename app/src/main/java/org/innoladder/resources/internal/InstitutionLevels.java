package org.innoladder.resources.internal;

import java.util.Collection;
import java.util.List;

import org.innoladder.enterprise.RegistryFacts;
import org.innoladder.importer.FileKind;
import org.innoladder.importer.ImportCommitted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform registry as the source of {@code rd_institution_level}: each host's yearly rows take the highest level
 * of the platforms recognised in that year or earlier, with the platform record as provenance (through the enterprise
 * module's {@link RegistryFacts}; the registry wins over an imported value, docs/resources.md). Supplied again after
 * every registry import and every import of yearly facts (which may add years or overwrite the column).
 */
@Service
public class InstitutionLevels {
    static final String COLUMN = "rd_institution_level";
    static final String REGISTRY = "rd_platform";
    /** Serialises the supplies, so a listener never writes levels read before a concurrent registry change. */
    private static final long LOCK = 0x5245534f55524345L;

    private final Platforms platforms;
    private final RegistryFacts facts;
    private final JdbcClient jdbc;

    public InstitutionLevels(Platforms platforms, RegistryFacts facts, JdbcClient jdbc) {
        this.platforms = platforms;
        this.facts = facts;
        this.jdbc = jdbc;
    }

    /** Supplies the level of these enterprises' yearly rows, in the caller's transaction; returns the rows changed. */
    public int supply(Collection<Long> enterpriseIds) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", LOCK).query(Object.class).list();
        int changed = 0;
        for (long id : enterpriseIds) {
            List<RegistryFacts.Supply> supplies = platforms.hostedBy(id).stream().map(InstitutionLevels::supply).toList();
            changed += facts.supply(id, COLUMN, REGISTRY, supplies);
        }
        return changed;
    }

    static RegistryFacts.Supply supply(Platforms.Platform p) {
        return new RegistryFacts.Supply(p.year(), p.level().fact(), REGISTRY, p.id(),
                "研发平台登记 #" + p.id() + "：" + p.level().zh() + p.kind().zh() + "“" + p.name() + "”（" + p.document() + "，" + p.year() + "年认定）",
                "R&D platform register #" + p.id() + ": " + p.level().en() + " " + p.kind().en() + " \"" + p.name() + "\" ("
                        + p.document() + ", recognised " + p.year() + ")");
    }

    /** After an import of yearly facts: the hosts' new or overwritten years take the registry's level again. */
    @ApplicationModuleListener
    public void on(ImportCommitted event) {
        if (event.kind() == FileKind.ENTERPRISE_YEAR) supplyAll();
    }

    /** Every host's yearly rows, in a transaction of its own. */
    @Transactional
    public int supplyAll() {
        return supply(platforms.hosts());
    }
}
