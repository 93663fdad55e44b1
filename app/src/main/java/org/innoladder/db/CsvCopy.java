package org.innoladder.db;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.copy.CopyManager;

/**
 * Rows written as CSV into a buffer and sent to PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} a chunk at a
 * time: how runs store their results set-based.
 */
public final class CsvCopy {
    private CsvCopy() {
    }

    /** Sends the buffered rows with {@code copySql} and empties the buffer (nothing when it is empty). */
    public static void flush(CopyManager copy, String copySql, StringBuilder rows) throws SQLException {
        if (rows.length() == 0) return;
        try {
            copy.copyIn(copySql, new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException(e);
        }
        rows.setLength(0);
    }

    /** Appends a CSV field in double quotes (a quote inside is doubled). */
    public static StringBuilder quoted(StringBuilder b, CharSequence s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') b.append('"');
            b.append(c);
        }
        return b.append('"');
    }
}
