/**
 * The enterprise data platform (一企一档): search, list, Excel export, the enterprise file page and the read-only
 * REST API over tables {@code enterprise}, {@code enterprise_year}, {@code recognition} and {@code region}.
 * Every query carries the caller's {@link org.innoladder.identity.DataScope}.
 */
package org.innoladder.enterprise;
