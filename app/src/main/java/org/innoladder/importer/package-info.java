/**
 * The importer: enterprise-year and recognition (certificate) files, CSV (UTF-8 with or without BOM, or
 * GBK/GB18030) or XLSX, with Chinese or English headers.
 *
 * <p>{@link org.innoladder.importer.ImportService#importFile} streams the file once through the row validator of
 * the {@code rules} module: rejected rows are reported with line, column, value and reason (and stored in
 * {@code import_rejection}); valid rows are COPYed into a temporary staging table (by a writer thread, so
 * PostgreSQL parses one chunk while Java validates the next) and merged set-based into
 * {@code enterprise}/{@code enterprise_year} (or {@code recognition}) in one transaction, with per-column
 * provenance in {@code sources} (for new yearly rows built once per distinct set of provided columns). A dry run ({@link org.innoladder.importer.ImportService#withoutDatabase()})
 * validates only. The CLI verb is {@code import}; the page is {@code /imports}; the API {@code /api/v1/imports}.
 *
 * <p>An import writes only inside the uploader's data scope ({@link org.innoladder.importer.internal.ImportScope}); files are
 * bounded by {@link org.innoladder.importer.internal.ImportSettings.Limits} before and while they are read; background jobs
 * ({@link org.innoladder.importer.internal.ImportJobs}) can be cancelled; {@link org.innoladder.importer.internal.ImportRecovery}
 * cleans up after a process that died mid-import. docs/import.md describes all four.
 */
package org.innoladder.importer;
