package org.innoladder.importer;

import org.innoladder.importer.internal.BoundedCsvReader;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The bounded reader in front of commons-csv: what commons-csv then parses, for the grammar's corner cases. */
class BoundedCsvReaderTest {
    static final String CUT = String.valueOf(BoundedCsvReader.CELL_CUT);

    static List<List<String>> parse(String csv, int maxCell, int maxLine) throws IOException {
        Reader in = new BoundedCsvReader(new StringReader(csv), maxCell, maxLine);
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser p = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(in)) {
            for (CSVRecord r : p) rows.add(r.toList());
        }
        return rows;
    }

    @Test
    void withinTheLimitsTheTextIsUnchanged() throws IOException {
        String csv = "a,\"b,c\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,x\"y,\n\"\"\n";
        assertThat(parse(csv, 100, 1000)).isEqualTo(parse(csv, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .containsExactly(List.of("a", "b,c", "say \"hi\"", "two\r\nlines"), List.of("", "x\"y", ""), List.of(""));
    }

    @Test
    void aLongCellKeepsItsBeginningAndIsMarkedWhetherQuotedOrNot() throws IOException {
        assertThat(parse("abcdefgh,ok\n\"ab\"\"cdefg\",ok\n\"abc\"\n", 4, 1000)).containsExactly(
                List.of("abcd" + CUT, "ok"), List.of("ab\"c" + CUT, "ok"), List.of("abc"));
    }

    @Test
    void aLongLineEndsWithTheMarkCellAndTheNextLineIsReadAsUsual() throws IOException {
        String csv = "aaaa,bbbb,\"cc\ncc\",dddd\nnx,line\n";
        assertThat(parse(csv, 100, 7)).containsExactly(List.of("aaaa", "bb", BoundedCsvReader.LINE_CUT), List.of("nx", "line"));
        // cut inside a quoted cell that spans lines: the quoted line break does not end the record
        assertThat(parse("\"aaaaaaaaa\nbbb\",x\nnext\n", 100, 5)).containsExactly(
                List.of("aaaa", BoundedCsvReader.LINE_CUT), List.of("next"));
    }

    @Test
    void theMarksCannotBeForgedByTheFile() throws IOException {
        assertThat(parse("a" + CUT + "," + BoundedCsvReader.LINE_CUT + "\n", 100, 100))
                .containsExactly(List.of("a\uFFFD", "\uFFFD"));
    }

    @Test
    void aQuoteAtTheEndOfTheFileClosesTheCell() throws IOException {
        assertThat(parse("\"abcdef\"", 3, 100)).containsExactly(List.of("abc" + CUT));
        assertThat(parse("abcdef", 3, 100)).containsExactly(List.of("abc" + CUT));
    }
}
