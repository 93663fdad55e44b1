package org.innoladder.credit.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.innoladder.identity.DataScope;
import org.innoladder.rules.ladder.Tier;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Computes one white list: every enterprise of the region in the scope, read set-based from one cursor (points,
 * ladder standing, loan counts), evaluated by the rule, and stored with COPY — as a pipeline over two threads. The
 * caller's thread reads a chunk of {@value #CHUNK} rows and stores the chunk evaluated before it, while a worker
 * evaluates the chunk just read, so the CEL work overlaps the database's. Only the caller's thread touches the
 * database (its transaction's connection); the worker only evaluates, each criterion once per distinct value of
 * what it reads ({@link WhiteListMemo}).
 */
final class WhiteListComputation {
    static final int CHUNK = 50_000;
    private static final Map<Integer, List<String>> TIERS_BY_MASK = new ConcurrentHashMap<>();
    private static final String SELECT = """
            SELECT e.id, pt.total, pt.percentile, pt.stage, s.held_mask, s.qualified_mask,
                   coalesce(s.growth_official, s.miit_official), c.loans, c.overdue, c.npl, c.outstanding
            FROM enterprise e
            LEFT JOIN enterprise_points pt ON pt.enterprise_id = e.id AND pt.year = :y
            LEFT JOIN ladder_standing s ON s.enterprise_id = e.id AND s.year = :y
            LEFT JOIN (SELECT enterprise_id, count(*) FILTER (WHERE disbursed_on IS NOT NULL) AS loans,
                              count(*) FILTER (WHERE status = 'OVERDUE') AS overdue,
                              count(*) FILTER (WHERE status IN ('NON_PERFORMING', 'COMPENSATION_CLAIMED', 'COMPENSATED')) AS npl,
                              coalesce(sum(outstanding_yuan) FILTER (WHERE status IN ('DISBURSED', 'REPAYING', 'OVERDUE',
                                  'NON_PERFORMING', 'COMPENSATION_CLAIMED')), 0) AS outstanding
                       FROM loan GROUP BY enterprise_id) c ON c.enterprise_id = e.id
            WHERE e.region_code LIKE :r AND %s""";

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate streaming;

    WhiteListComputation(DataSource dataSource) {
        this.dataSource = dataSource;
        JdbcTemplate t = new JdbcTemplate(dataSource);
        t.setFetchSize(10_000);
        this.streaming = new NamedParameterJdbcTemplate(t);
    }

    static List<String> tiers(int mask) {
        return TIERS_BY_MASK.computeIfAbsent(mask, m -> {
            List<String> out = new ArrayList<>();
            for (Tier t : Tier.values()) if ((m & (1 << t.ordinal())) != 0) out.add(t.name());
            return List.copyOf(out);
        });
    }

    private static WhiteListMemo.Inputs inputs(ResultSet rs) throws SQLException {
        String total = rs.getString(2);
        return new WhiteListMemo.Inputs(total == null ? null : Double.valueOf(total), rs.getDouble(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getDouble(11));
    }

    /** One enterprise as read: its id, its inputs, its highest tier (ordinal, -1 none) and its points as text. */
    private record Raw(long id, WhiteListMemo.Inputs inputs, int tier, String total) {
        static Raw of(ResultSet rs) throws SQLException {
            String tier = rs.getString(7);
            return new Raw(rs.getLong(1), WhiteListComputation.inputs(rs), tier == null ? -1 : Tier.valueOf(tier).ordinal(), rs.getString(2));
        }
    }

    /** A chunk evaluated: its rows as COPY text, and its counts. */
    private record Evaluated(String copyText, int evaluated, int listed, int near) {
    }

    private static Evaluated evaluate(long listId, WhiteListMemo memo, List<Raw> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 40);
        String prefix = listId + "\t";
        int listed = 0, near = 0;
        for (Raw r : rows) {
            WhiteListRule.Outcome o = memo.evaluate(r.inputs());
            if (o.listed()) listed++;
            if (o.near()) near++;
            text.append(prefix).append(r.id()).append('\t').append(o.listed() ? 't' : 'f').append('\t').append(o.near() ? 't' : 'f')
                    .append('\t').append(o.met()).append('\t').append(o.unknown()).append('\t');
            if (r.tier() < 0) text.append("\\N");
            else text.append(r.tier());
            text.append('\t').append(r.total() == null ? "\\N" : r.total()).append('\n');
        }
        return new Evaluated(text.toString(), rows.size(), listed, near);
    }

    /** The pipeline's state, advanced from the cursor's callback. */
    private final class Pipeline {
        final long listId;
        final WhiteListMemo memo;
        final ExecutorService worker;
        List<Raw> reading = new ArrayList<>(CHUNK);
        Future<Evaluated> evaluating;
        int evaluated, listed, near;

        Pipeline(long listId, WhiteListRule rule, ExecutorService worker) {
            this.listId = listId;
            this.memo = new WhiteListMemo(rule, WhiteListComputation::tiers);
            this.worker = worker;
        }

        void add(Raw r) {
            reading.add(r);
            if (reading.size() == CHUNK) handOver();
        }

        /** The chunk just read goes to the worker; the one it evaluated before is stored meanwhile. */
        void handOver() {
            List<Raw> chunk = reading;
            reading = new ArrayList<>(CHUNK);
            Future<Evaluated> next = chunk.isEmpty() ? null : worker.submit(() -> evaluate(listId, memo, chunk));
            store(evaluating);
            evaluating = next;
        }

        void finish() {
            handOver();
            store(evaluating);
            evaluating = null;
        }

        private void store(Future<Evaluated> f) {
            if (f == null) return;
            Evaluated e;
            try {
                e = f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing the white list", ex);
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException("computing the white list failed: " + ex.getCause(), ex.getCause());
            }
            copy(e.copyText());
            evaluated += e.evaluated();
            listed += e.listed();
            near += e.near();
        }
    }

    private void copy(String rows) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY white_list_entry (list_id, enterprise_id, listed, near, met_mask, unknown_mask, tier, points) FROM STDIN",
                    new StringReader(rows));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing the white list's entries failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** Runs inside the caller's transaction (the cursor and the COPY use its connection). */
    WhiteLists.Counts run(long listId, WhiteListRule rule, String region, Integer dataYear, DataScope.SqlFilter scope) {
        MapSqlParameterSource p = new MapSqlParameterSource(scope.params()).addValue("r", region + "%")
                .addValue("y", dataYear == null ? -1 : dataYear);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "white-list-" + listId);
            t.setDaemon(true);
            return t;
        });
        try {
            Pipeline pipeline = new Pipeline(listId, rule, worker);
            streaming.query(SELECT.formatted(scope.sql()), p, (RowCallbackHandler) rs -> pipeline.add(Raw.of(rs)));
            pipeline.finish();
            return new WhiteLists.Counts(pipeline.evaluated, pipeline.listed, pipeline.near);
        } finally {
            worker.shutdownNow();
        }
    }
}
