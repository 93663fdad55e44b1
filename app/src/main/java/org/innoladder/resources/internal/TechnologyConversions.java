package org.innoladder.resources.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.enterprise.RegistryFacts;
import org.innoladder.importer.FileKind;
import org.innoladder.importer.ImportCommitted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The technology-contract registry as a source of the data dictionary's {@code conversions} (科技成果转化数), which the
 * HNTE ruleset's conversion score reads: an enterprise's yearly row counts the registered contracts it signed that year
 * as the <b>seller</b> (its credit code in the seller column) of a kind that transfers a result to another party —
 * {@link #COUNTED} (技术转让, 技术许可). The provenance names the contracts and links to them.
 *
 * <p>Which kinds count is the project's reading (a documented default, docs/resources.md): the law on promoting the
 * conversion of scientific and technological achievements lists transferring a result to others and licensing others
 * to use it among the ways of converting it; development, consulting and service contracts do not carry an existing
 * result to the buyer, so they are not counted. The register cannot see the other ways (own investment, joint
 * implementation, equity), so the precedence is {@link RegistryFacts.Precedence#GREATER}: an imported count above the
 * register's stays, a lower or missing one is replaced by the register's count.
 */
@Service
public class TechnologyConversions {
    static final String COLUMN = "conversions";
    static final String REGISTRY = "tech_contract";
    /** The contract kinds that convert a result (project default, see the class comment). */
    public static final Set<ContractKind> COUNTED = Set.of(ContractKind.TRANSFER, ContractKind.LICENSING);
    /** Serialises the supplies, as for the institution levels. */
    private static final long LOCK = 0x434f4e5645525453L;
    /** Contract numbers named in a note, at most; the link lists them all. */
    private static final int NAMED = 10;

    private final RegistryFacts facts;
    private final JdbcClient jdbc;

    public TechnologyConversions(RegistryFacts facts, JdbcClient jdbc) {
        this.facts = facts;
        this.jdbc = jdbc;
    }

    private record Counted(long id, String number, int year) {
    }

    /** Supplies the conversions of the enterprises with these credit codes, in the caller's transaction; returns the rows changed. */
    public int supplyByCreditCode(Collection<String> creditCodes) {
        if (creditCodes.isEmpty()) return 0;
        List<Long> ids = jdbc.sql("SELECT id FROM enterprise WHERE credit_code IN (:codes) ORDER BY id").param("codes", creditCodes)
                .query(Long.class).list();
        return supply(ids);
    }

    /** Supplies the conversions of these enterprises' yearly rows, in the caller's transaction; returns the rows changed. */
    public int supply(Collection<Long> enterpriseIds) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", LOCK).query(Object.class).list();
        int changed = 0;
        for (long id : enterpriseIds) changed += facts.supply(id, COLUMN, REGISTRY, supplies(id));
        return changed;
    }

    /** One supply per year with counted contracts: the count, the first contract as the record, the numbers in the note. */
    List<RegistryFacts.Supply> supplies(long enterpriseId) {
        String creditCode = jdbc.sql("SELECT credit_code FROM enterprise WHERE id = :e").param("e", enterpriseId).query(String.class).single();
        Map<Integer, List<Counted>> byYear = new LinkedHashMap<>();
        jdbc.sql("SELECT c.id, c.contract_no, CAST(extract(year FROM c.signed_on) AS integer) FROM tech_contract c"
                        + " WHERE c.seller_credit_code = :code AND c.kind IN (:kinds) ORDER BY c.signed_on, c.contract_no")
                .param("code", creditCode).param("kinds", COUNTED.stream().map(Enum::name).sorted().toList())
                .query((rs, n) -> new Counted(rs.getLong(1), rs.getString(2), rs.getInt(3))).list()
                .forEach(c -> byYear.computeIfAbsent(c.year(), y -> new ArrayList<>()).add(c));
        List<RegistryFacts.Supply> supplies = new ArrayList<>();
        byYear.forEach((year, contracts) -> {
            List<String> numbers = contracts.stream().map(Counted::number).toList();
            String named = String.join("、", numbers.subList(0, Math.min(NAMED, numbers.size())))
                    + (numbers.size() > NAMED ? "等" : "");
            String namedEn = String.join(", ", numbers.subList(0, Math.min(NAMED, numbers.size())))
                    + (numbers.size() > NAMED ? ", …" : "");
            supplies.add(new RegistryFacts.Supply(year, String.valueOf(contracts.size()), REGISTRY, contracts.get(0).id(),
                    "技术合同登记：" + year + "年作为卖方的技术转让、技术许可合同 " + contracts.size() + " 份（" + named + "）",
                    "technology contract register: " + contracts.size() + " technology transfer or licensing contract(s) sold in "
                            + year + " (" + namedEn + ")",
                    "/resources/contracts?year=" + year + "&q=" + creditCode));
        });
        return supplies;
    }

    /** After an import of yearly facts: the sellers' new or overwritten years take the register's count again. */
    @ApplicationModuleListener
    public void on(ImportCommitted event) {
        if (event.kind() == FileKind.ENTERPRISE_YEAR) supplyAll();
    }

    /** Every enterprise that sold a contract or whose count came from the register, in a transaction of its own. */
    @Transactional
    public int supplyAll() {
        return supply(jdbc.sql("SELECT e.id FROM enterprise e WHERE EXISTS (SELECT 1 FROM tech_contract c WHERE c.seller_credit_code = e.credit_code)"
                + " OR EXISTS (SELECT 1 FROM enterprise_year y WHERE y.enterprise_id = e.id AND y.sources -> 'conversions' ->> 'registry' = :r)"
                + " ORDER BY e.id").param("r", REGISTRY).query(Long.class).list());
    }
}
