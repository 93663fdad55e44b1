package org.innoladder.importer.internal;

import org.innoladder.importer.UnreadableFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an .xlsx against the limits before fastexcel reads it. fastexcel unpacks every part it needs and holds
 * a whole cell, a whole row and all shared strings in memory, so a zip bomb or one crafted cell would otherwise
 * cost minutes of CPU or the heap.
 *
 * <p>First the sizes the archive declares: a bomb is refused here without unpacking anything. Then one streaming
 * pass over every entry counts what really unpacks (an entry that outgrows its declared size is refused at once,
 * so a lying header costs no more than an honest one) and scans the XML ({@link XlsxXmlScanner}) for cells, rows
 * and tags beyond the limits and cell references beyond Excel's last column.
 */
public final class XlsxInspection {
    /** Entries smaller than this are never held to the compression ratio (tiny parts compress unevenly). */
    static final long RATIO_GRACE = 1 << 20;
    private static final String SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";

    private XlsxInspection() {
    }

    public static void check(Path file, ImportSettings.Limits limits) throws UnreadableFileException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Set<String> sharedStrings = declaredSizes(zip, limits);
            unpackedSizes(zip, limits, sharedStrings);
        } catch (IOException e) {
            throw new UnreadableFileException("无法读取 Excel 工作簿（不是有效的 zip 文件）",
                    "cannot read the Excel workbook (not a valid zip file)", e);
        }
    }

    /** Checks what the central directory declares; returns the names of the shared-strings parts. */
    private static Set<String> declaredSizes(ZipFile zip, ImportSettings.Limits limits) throws UnreadableFileException, IOException {
        long maxTotal = limits.maxXlsxUncompressedSize().toBytes();
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw tampered("工作簿含重复的条目 " + shown(name), "the workbook holds the entry " + shown(name) + " twice");
            }
            long size = e.getSize();
            long packed = e.getCompressedSize();
            if (size < 0 || packed < 0) {
                throw tampered("工作簿条目 " + shown(name) + " 未声明大小", "the workbook entry " + shown(name) + " declares no size");
            }
            total += size;
            if (total > maxTotal) throw tooLarge(limits);
            ratio(name, size, packed, limits);
        }
        Set<String> shared = sharedStringParts(zip);
        for (String part : shared) {
            ZipEntry e = zip.getEntry(part);
            if (e != null && e.getSize() > limits.maxXlsxSharedStringsSize().toBytes()) throw sharedStringsTooLarge(limits);
        }
        return shared;
    }

    private static void ratio(String name, long size, long packed, ImportSettings.Limits limits) throws UnreadableFileException {
        if (size <= RATIO_GRACE) return;
        long ratio = size / Math.max(1, packed);
        if (ratio > limits.maxXlsxCompressionRatio()) {
            String limit = ImportLimitExceeded.limit("max-xlsx-compression-ratio", limits.maxXlsxCompressionRatio());
            throw new UnreadableFileException("工作簿条目 " + shown(name) + " 的压缩比为 " + String.format("%,d", ratio)
                    + ":1，超过上限（" + limit + "），疑似压缩炸弹，未读取",
                    "the workbook entry " + shown(name) + " is compressed " + String.format("%,d", ratio)
                    + ":1, more than the limit (" + limit + "); it looks like a zip bomb and was not read");
        }
    }

    /** The parts [Content_Types].xml names as shared strings, and the usual name. */
    private static Set<String> sharedStringParts(ZipFile zip) throws IOException {
        Set<String> parts = new HashSet<>();
        parts.add("xl/sharedStrings.xml");
        ZipEntry types = zip.getEntry("[Content_Types].xml");
        if (types == null || types.getSize() > RATIO_GRACE) return parts;
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = zip.getInputStream(types)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamReader.START_ELEMENT && "Override".equals(xml.getLocalName())
                        && SHARED_STRINGS_TYPE.equals(xml.getAttributeValue(null, "ContentType"))) {
                    String part = xml.getAttributeValue(null, "PartName");
                    if (part != null) parts.add(part.startsWith("/") ? part.substring(1) : part);
                }
            }
        } catch (XMLStreamException e) {
            // fastexcel will refuse the same file with its own message
        }
        return parts;
    }

    /** Unpacks every entry once, counting its bytes and scanning its XML. */
    private static void unpackedSizes(ZipFile zip, ImportSettings.Limits limits, Set<String> sharedStrings)
            throws UnreadableFileException, IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            XlsxXmlScanner xml = lower.endsWith(".xml") || lower.endsWith(".rels") ? new XlsxXmlScanner(limits) : null;
            long declared = e.getSize();
            long size = 0;
            try (InputStream in = zip.getInputStream(e)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (size > declared) {
                        throw tampered("工作簿条目 " + shown(name) + " 解压后大于其声明的大小",
                                "the workbook entry " + shown(name) + " unpacks to more than its declared size");
                    }
                    if (xml != null) xml.scan(buffer, n);
                }
            }
            if (total > limits.maxXlsxUncompressedSize().toBytes()) throw tooLarge(limits);
            if (sharedStrings.contains(name) && size > limits.maxXlsxSharedStringsSize().toBytes()) {
                throw sharedStringsTooLarge(limits);
            }
        }
    }

    private static UnreadableFileException tooLarge(ImportSettings.Limits limits) {
        String limit = ImportLimitExceeded.limit("max-xlsx-uncompressed-size", limits.maxXlsxUncompressedSize().toBytes());
        return new UnreadableFileException("Excel 工作簿解压后超过大小上限（" + limit + " 字节），未读取",
                "the Excel workbook unpacks to more than the size limit (" + limit + " bytes); it was not read");
    }

    private static UnreadableFileException sharedStringsTooLarge(ImportSettings.Limits limits) {
        String limit = ImportLimitExceeded.limit("max-xlsx-shared-strings-size", limits.maxXlsxSharedStringsSize().toBytes());
        return new UnreadableFileException("Excel 工作簿的共享字符串表解压后超过大小上限（" + limit + " 字节），未读取",
                "the shared strings of the Excel workbook unpack to more than the limit (" + limit + " bytes); it was not read");
    }

    static UnreadableFileException tampered(String zh, String en) {
        return new UnreadableFileException(zh + "，文件已损坏或被篡改，未读取", en + "; the file is damaged or crafted and was not read");
    }

    /** An entry name as messages show it: attacker-chosen, so cut short. */
    private static String shown(String name) {
        return name.length() <= 80 ? name : name.substring(0, 80) + "…";
    }
}
