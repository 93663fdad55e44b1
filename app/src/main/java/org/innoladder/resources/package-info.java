/**
 * Innovation resources (科创资源): the registries a zone is measured by besides its enterprises — R&D platforms
 * (研发平台) today, carriers and technology contracts next (docs/resources.md). Each registry is imported from CSV/XLSX
 * with Chinese headers through the importer's bounded {@link org.innoladder.importer.TableReader} (a row-level report,
 * valid rows kept, re-imports idempotent), listed and exported within the caller's
 * {@link org.innoladder.identity.DataScope}, and audited.
 *
 * <p>The platform registry is the source of the {@code rd_institution_level} fact: it supplies the enterprise's yearly
 * rows through the enterprise module's published {@link org.innoladder.enterprise.RegistryFacts}, with the platform
 * record as provenance, and supplies them again after every import of yearly facts. The contract registry is likewise
 * a source of {@code conversions}: a seller's registered transfers and licences of a year, the greater of that count
 * and the imported one holding.
 */
package org.innoladder.resources;
