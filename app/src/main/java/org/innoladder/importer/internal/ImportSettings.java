package org.innoladder.importer.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code innoladder.import.*}: where uploads wait while they are imported, and the limits that keep a hostile or
 * broken file from exhausting memory, disk or the database (docs/import.md lists them). Each limit's message names
 * its property and value.
 *
 * @param uploadDir where uploaded files wait while imported (one folder per running process; folders of processes
 *                  that died are removed at start-up); default {@code data/uploads}, beside the embedded database
 */
@ConfigurationProperties("innoladder.import")
public record ImportSettings(Path uploadDir, Limits limits) {
    public static final ImportSettings DEFAULTS = new ImportSettings(null, null);
    static final String PREFIX = "innoladder.import.limits.";

    public ImportSettings {
        if (uploadDir == null) uploadDir = Path.of("data", "uploads");
        if (limits == null) limits = Limits.DEFAULTS;
    }

    /**
     * @param maxXlsxUncompressedSize  all entries of an .xlsx together, unpacked (checked before reading)
     * @param maxXlsxCompressionRatio  unpacked / packed size of any entry above 1 MB: a zip bomb packs far tighter
     *                                 than a real workbook
     * @param maxXlsxSharedStringsSize the shared-strings part unpacked (its strings are held in memory while reading)
     * @param maxRows                  rows of one file (blank rows included)
     * @param maxCellChars             characters of one cell; Excel itself holds at most 32,767
     * @param maxLineChars             characters of one CSV line or XLSX row
     * @param maxStoredRejections      problems stored per batch; later ones are only counted
     * @param maxConcurrent            imports running at once in this process
     * @param maxConcurrentPerUser     imports one user may run at once
     */
    public record Limits(DataSize maxXlsxUncompressedSize, Integer maxXlsxCompressionRatio, DataSize maxXlsxSharedStringsSize,
                         Integer maxRows, Integer maxCellChars, Integer maxLineChars, Integer maxStoredRejections,
                         Integer maxConcurrent, Integer maxConcurrentPerUser) {
        public static final Limits DEFAULTS = new Limits(null, null, null, null, null, null, null, null, null);

        public Limits {
            if (maxXlsxUncompressedSize == null) maxXlsxUncompressedSize = DataSize.ofGigabytes(2);
            if (maxXlsxCompressionRatio == null) maxXlsxCompressionRatio = 100;
            if (maxXlsxSharedStringsSize == null) maxXlsxSharedStringsSize = DataSize.ofMegabytes(256);
            if (maxRows == null) maxRows = 1_000_000;
            if (maxCellChars == null) maxCellChars = 32_767;
            if (maxLineChars == null) maxLineChars = 262_144;
            if (maxStoredRejections == null) maxStoredRejections = 100_000;
            if (maxConcurrent == null) maxConcurrent = 2;
            if (maxConcurrentPerUser == null) maxConcurrentPerUser = 1;
            positive("max-xlsx-uncompressed-size", maxXlsxUncompressedSize.toBytes());
            positive("max-xlsx-compression-ratio", maxXlsxCompressionRatio);
            positive("max-xlsx-shared-strings-size", maxXlsxSharedStringsSize.toBytes());
            positive("max-rows", maxRows);
            positive("max-cell-chars", maxCellChars);
            positive("max-line-chars", maxLineChars);
            positive("max-stored-rejections", maxStoredRejections);
            positive("max-concurrent", maxConcurrent);
            positive("max-concurrent-per-user", maxConcurrentPerUser);
        }

        private static void positive(String name, long value) {
            if (value < 1) throw new IllegalArgumentException(PREFIX + name + " must be at least 1, is " + value);
        }
    }
}
