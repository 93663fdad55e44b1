package org.innoladder.generator;

import java.time.LocalDate;
import java.util.List;

import org.innoladder.rules.facts.FactRow;

/**
 * One invented enterprise: its yearly rows (from {@code max(fromYear, founding year)} to {@code toYear}, valid
 * under every data-dictionary rule) and the recognition certificates consistent with them.
 *
 * @param index     position in the data set, 0-based
 * @param growth    the growth path its revenue follows
 * @param techFirm  whether its industry is a technology industry (has a 高新技术领域)
 */
public record SyntheticEnterprise(int index, String creditCode, String name, String regionCode,
                                  String industryCode, LocalDate foundedOn, Growth growth, boolean techFirm,
                                  List<FactRow> rows, List<Recognition> recognitions) {

    /** The revenue path of a firm: most grow modestly, about 3% are gazelles, some decline. */
    public enum Growth { STEADY, GAZELLE, DECLINING }
}
