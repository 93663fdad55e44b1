package org.innoladder.importer;

import org.innoladder.importer.internal.ImportSettings;
import org.innoladder.importer.internal.XlsxXmlScanner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The byte scanner of workbook XML: what counts as one cell's text, fed in blocks that split tags and characters. */
class XlsxXmlScannerTest {
    static final ImportSettings.Limits LIMITS = new ImportSettings.Limits(null, null, null, null, 10, 40, null, null, null);

    static void scan(String xml) throws UnreadableFileException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        XlsxXmlScanner scanner = new XlsxXmlScanner(LIMITS);
        for (int from = 0; from < bytes.length; from += 3) {
            byte[] block = new byte[3];
            int n = Math.min(3, bytes.length - from);
            System.arraycopy(bytes, from, block, 0, n);
            scanner.scan(block, n);
        }
    }

    @Test
    void aCellCountsItsCharactersEntitiesAsOneAndCdataAsText() throws UnreadableFileException {
        scan("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>常州&amp;&lt;武进区</t></is></c><c r=\"B1\"/>"
                + "<c r='C1'><is><t><![CDATA[0123]]></t></is></c><!-- a comment > longer than ten characters --></row>");
        assertThatThrownBy(() -> scan("<c><is><t>0123456789</t><t><![CDATA[x]]></t></is></c>"))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("max-cell-chars = 10");
    }

    @Test
    void sharedStringsCountTheirRichTextRunsTogether() {
        assertThatThrownBy(() -> scan("<sst><si><r><t>012345</t></r><r><t>6789a</t></r></si></sst>"))
                .hasMessageContaining("max-cell-chars = 10");
    }

    @Test
    void rowsTagsAndColumnsAreBounded() {
        assertThatThrownBy(() -> scan("<row>" + "<c><v>123456789</v></c>".repeat(5) + "</row>"))
                .hasMessageContaining("max-line-chars = 40");
        assertThatThrownBy(() -> scan("<c r=\"A1\" x=\"" + "y".repeat(40) + "\"/>")).hasMessageContaining("XML tag longer than");
        assertThatThrownBy(() -> scan("<x:c r=\"XFE1\"/>")).hasMessageContaining("beyond Excel's last column XFD");
        assertThat(catchNothing("<c r=\"XFD1048576\"/>")).isTrue();
    }

    static boolean catchNothing(String xml) {
        try {
            scan(xml);
            return true;
        } catch (UnreadableFileException e) {
            return false;
        }
    }
}
