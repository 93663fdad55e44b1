package org.innoladder.enterprise;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.innoladder.enterprise.internal.FactRowsSql;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.Population;
import org.innoladder.rules.facts.FactRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one reader of a population's facts: {@code enterprise} ⨝ {@code enterprise_year} as {@link FactRow}s (every
 * data-dictionary column is a database column of the same name), the years Y−{@value Population#YEARS_BEFORE}..Y that
 * a ruleset may look back to. Evaluation runs, points runs and policy matching all read their population here.
 */
@Component
public class Populations {
    private static final int FETCH_SIZE = 5000;

    /** Receives each row with its enterprise's database id. */
    @FunctionalInterface
    public interface RowSink {
        void accept(long enterpriseId, FactRow row);
    }

    /** Which rows: the year, a region subtree (null: every region), a data scope's filter (null: none). */
    public record Query(int year, String regionPrefix, DataScope.SqlFilter scope, boolean inEnterpriseOrder) {
        public static Query of(int year, String regionPrefix) {
            return new Query(year, regionPrefix, null, false);
        }

        /** Within a data scope (the rows of enterprises the scope admits). */
        public Query within(DataScope scope) {
            return new Query(year, regionPrefix, scope.enterpriseFilter("e"), inEnterpriseOrder);
        }

        /** Rows enterprise by enterprise (by id, latest year first): the population then lists enterprises by id. */
        public Query byEnterprise() {
            return new Query(year, regionPrefix, scope, true);
        }
    }

    private final JdbcClient streaming;
    private final TransactionTemplate readTx;

    public Populations(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcTemplate t = new JdbcTemplate(dataSource);
        t.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(t);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
    }

    /** Streams the rows to the sink, in a read-only transaction (so the driver fetches them in chunks). */
    public void read(Query q, RowSink sink) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", q.year() - Population.YEARS_BEFORE);
        params.put("year", q.year());
        StringBuilder sql = new StringBuilder("SELECT ").append(FactRowsSql.selectList())
                .append(" FROM enterprise e JOIN enterprise_year y ON y.enterprise_id = e.id WHERE y.year BETWEEN :from AND :year");
        if (q.scope() != null) {
            sql.append(" AND ").append(q.scope().sql());
            params.putAll(q.scope().params());
        }
        if (q.regionPrefix() != null) {
            sql.append(" AND e.region_code LIKE :region");
            params.put("region", q.regionPrefix() + "%");
        }
        if (q.inEnterpriseOrder()) sql.append(" ORDER BY e.id, y.year DESC");
        RowCallbackHandler rows = rs -> sink.accept(rs.getLong(1), FactRowsSql.read(rs));
        readTx.executeWithoutResult(status -> streaming.sql(sql.toString()).params(params).query(rows));
    }
}
