package org.innoladder.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Workbooks built byte by byte, as an attacker would: the parts a reader needs and a sheet of the test's making. */
final class HostileFiles {
    static final String SHEET = "xl/worksheets/sheet1.xml";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private HostileFiles() {
    }

    /** Writes the sheet's rows (inside {@code <sheetData>}). */
    @FunctionalInterface
    interface Rows {
        void write(Writer out) throws IOException;
    }

    static Path xlsx(Path file, Rows rows) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            part(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/" + SHEET + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            part(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            part(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN + "\""
                    + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"企业数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            zip.putNextEntry(new ZipEntry(SHEET));
            Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData>");
            rows.write(out);
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
        }
        return file;
    }

    /** One row of inline-string cells, columns A, B, C …. */
    static void row(Writer out, int number, List<String> cells) throws IOException {
        out.write("<row r=\"" + number + "\">");
        for (int i = 0; i < cells.size(); i++) {
            out.write("<c r=\"" + (char) ('A' + i) + number + "\" t=\"inlineStr\"><is><t>");
            out.write(cells.get(i).replace("&", "&amp;").replace("<", "&lt;"));
            out.write("</t></is></c>");
        }
        out.write("</row>");
    }

    /**
     * Makes the central directory declare {@code declared} bytes for the entry: a bomb that lies about its size.
     * (The local header of a streamed entry declares no size; readers take the central directory's.)
     */
    static void declareSize(Path file, String entry, int declared) throws IOException {
        byte[] zip = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (b.getInt(i) != 0x02014b50 || b.getShort(i + 28) != name.length) continue;
            if (!new String(zip, i + 46, name.length, StandardCharsets.UTF_8).equals(entry)) continue;
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, declared), i + 24);
            }
            return;
        }
        throw new IllegalArgumentException("no central directory entry " + entry);
    }

    private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
