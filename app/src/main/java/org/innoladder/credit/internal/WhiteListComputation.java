package org.innoladder.credit.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.innoladder.identity.DataScope;
import org.innoladder.rules.ladder.Tier;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Computes one white list: every enterprise of the region in the scope, read set-based from one cursor (points,
 * ladder standing, loan counts), evaluated by the rule, and stored with COPY into the caller's transaction.
 *
 * <p>When the caller's transaction has written nothing yet, it exports its snapshot and a second connection reads
 * under that snapshot (exactly the rows the transaction sees) on its own thread, so PostgreSQL reads on one backend
 * while it stores on the other, and a worker evaluates in between: reading, evaluating and storing overlap on three
 * threads. A transaction that has already written cannot share what it wrote, so it reads on its own connection, then
 * stores. A worker evaluates each chunk of {@value #CHUNK} rows, each criterion once per distinct value of what it
 * reads ({@link WhiteListMemo}).
 */
final class WhiteListComputation {
    static final int CHUNK = 50_000;
    /** What {@code pg_export_snapshot()} answers, e.g. 00000003-0000001B-1: checked, since SET cannot bind it. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+(-[0-9A-F]+)+");
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

    WhiteListComputation(DataSource dataSource) {
        this.dataSource = dataSource;
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

    /** Evaluates chunks on a worker, in the order they were read; a chunk's future carries its COPY text. */
    private static final class Evaluator {
        final long listId;
        final WhiteListMemo memo;
        final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "white-list-evaluation");
            t.setDaemon(true);
            return t;
        });

        Evaluator(long listId, WhiteListRule rule) {
            this.listId = listId;
            this.memo = new WhiteListMemo(rule, WhiteListComputation::tiers);
        }

        Future<Evaluated> submit(List<Raw> chunk) {
            return worker.submit(() -> evaluate(listId, memo, chunk));
        }
    }

    /** Reads every enterprise on {@code connection}, handing each full chunk (and the last) to {@code chunks}. */
    private static void read(Connection connection, String sql, MapSqlParameterSource params, Consumer<List<Raw>> chunks) {
        JdbcTemplate t = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        t.setFetchSize(10_000);
        List<List<Raw>> reading = new ArrayList<>(List.of(new ArrayList<>(CHUNK)));
        new NamedParameterJdbcTemplate(t).query(sql, params, (RowCallbackHandler) rs -> {
            reading.get(0).add(Raw.of(rs));
            if (reading.get(0).size() == CHUNK) chunks.accept(reading.set(0, new ArrayList<>(CHUNK)));
        });
        if (!reading.get(0).isEmpty()) chunks.accept(reading.get(0));
    }

    private static Evaluated await(Future<Evaluated> f) {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the white list", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("computing the white list failed: " + ex.getCause(), ex.getCause());
        }
    }

    private static void copy(Connection c, String rows) {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY white_list_entry (list_id, enterprise_id, listed, near, met_mask, unknown_mask, tier, points) FROM STDIN",
                    new StringReader(rows));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing the white list's entries failed: " + e.getMessage(), e);
        }
    }

    /**
     * The caller transaction's snapshot, exported for a second connection to read under, or null when the transaction
     * has written already (a reader elsewhere would not see those rows). Call it before the transaction's first write.
     */
    String exportSnapshot() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) return null;
        return new JdbcTemplate(dataSource).queryForObject(
                "SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN pg_export_snapshot() END", String.class);
    }

    /**
     * Runs inside the caller's transaction: the COPY uses its connection, and the read uses it too unless
     * {@code snapshot} (from {@link #exportSnapshot}) lets a second connection read in parallel.
     */
    WhiteLists.Counts run(long listId, WhiteListRule rule, String region, Integer dataYear, DataScope.SqlFilter scope, String snapshot) {
        MapSqlParameterSource p = new MapSqlParameterSource(scope.params()).addValue("r", region + "%")
                .addValue("y", dataYear == null ? -1 : dataYear);
        String sql = SELECT.formatted(scope.sql());
        if (snapshot != null && !SNAPSHOT_ID.matcher(snapshot).matches()) {
            throw new IllegalArgumentException("not a snapshot identifier: " + snapshot);
        }
        Evaluator evaluator = new Evaluator(listId, rule);
        Connection own = DataSourceUtils.getConnection(dataSource);
        try {
            int[] counts = new int[3];
            Consumer<Evaluated> store = e -> {
                copy(own, e.copyText());
                counts[0] += e.evaluated();
                counts[1] += e.listed();
                counts[2] += e.near();
            };
            if (snapshot == null) {
                List<Future<Evaluated>> evaluated = new ArrayList<>();
                read(own, sql, p, chunk -> evaluated.add(evaluator.submit(chunk)));
                for (Future<Evaluated> f : evaluated) store.accept(await(f));
            } else {
                readElsewhere(snapshot, sql, p, evaluator, store);
            }
            return new WhiteLists.Counts(counts[0], counts[1], counts[2]);
        } finally {
            evaluator.worker.shutdownNow();
            DataSourceUtils.releaseConnection(own, dataSource);
        }
    }

    /** A reader thread on a second connection under the snapshot; this thread stores each chunk as it is evaluated. */
    private void readElsewhere(String snapshot, String sql, MapSqlParameterSource p, Evaluator evaluator, Consumer<Evaluated> store) {
        // bounded: the reader waits while the storing falls behind, so memory holds a few chunks at most
        BlockingQueue<Future<Evaluated>> queue = new ArrayBlockingQueue<>(4);
        Future<Evaluated> end = CompletableFuture.completedFuture(null);
        ExecutorService readerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "white-list-read");
            t.setDaemon(true);
            return t;
        });
        try {
            readerThread.submit(() -> {
                Future<Evaluated> last = end;
                try (Connection reader = dataSource.getConnection()) {
                    reader.setAutoCommit(false);
                    reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    reader.setReadOnly(true);
                    try (var st = reader.prepareStatement("SET TRANSACTION SNAPSHOT '" + snapshot + "'")) {
                        st.execute();
                    }
                    read(reader, sql, p, chunk -> put(queue, evaluator.submit(chunk)));
                    reader.rollback();
                } catch (Throwable t) {
                    last = CompletableFuture.failedFuture(t);
                }
                put(queue, last);
                return null;
            });
            while (true) {
                Future<Evaluated> next = queue.take();
                Evaluated e = await(next);
                if (e == null) break;
                store.accept(e);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the white list", ex);
        } finally {
            readerThread.shutdownNow();
        }
    }

    private static <T> void put(BlockingQueue<T> queue, T item) {
        try {
            queue.put(item);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the white list's enterprises", ex);
        }
    }
}
