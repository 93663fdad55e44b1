package org.innoladder.spark;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * A binary {@code COPY … FROM STDIN} into a table of the loaders' temporary tables: one {@link #row} call per row,
 * then each field in the table's column order. Text is sent as UTF-8 text, so numbers that must arrive exactly as
 * written (the points' {@code numeric} columns) are sent as text and cast in SQL.
 */
final class BinaryCopy implements AutoCloseable {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private final DataOutputStream out;
    private long rows;

    BinaryCopy(Connection c, String table) throws SQLException {
        out = new DataOutputStream(new BufferedOutputStream(new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY " + table + " FROM STDIN (FORMAT binary)"), 1 << 16));
        write(() -> out.write(HEADER));
    }

    private interface Io {
        void run() throws IOException;
    }

    private BinaryCopy write(Io io) throws SQLException {
        try {
            io.run();
        } catch (IOException e) {
            throw new SQLException("could not copy the Spark results: " + e.getMessage(), e);
        }
        return this;
    }

    BinaryCopy row(int fields) throws SQLException {
        rows++;
        return write(() -> out.writeShort(fields));
    }

    BinaryCopy text(String s) throws SQLException {
        if (s == null) return write(() -> out.writeInt(-1));
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return write(() -> {
            out.writeInt(b.length);
            out.write(b);
        });
    }

    BinaryCopy int4(Integer v) throws SQLException {
        return write(() -> {
            if (v == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(4);
                out.writeInt(v);
            }
        });
    }

    BinaryCopy float8(Double v) throws SQLException {
        return write(() -> {
            if (v == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(8);
                out.writeDouble(v);
            }
        });
    }

    BinaryCopy bool(boolean v) throws SQLException {
        return write(() -> {
            out.writeInt(1);
            out.writeByte(v ? 1 : 0);
        });
    }

    BinaryCopy bytes(byte[] b) throws SQLException {
        return write(() -> {
            out.writeInt(b.length);
            out.write(b);
        });
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        write(() -> {
            out.writeShort(-1);
            out.close();
        });
    }
}
