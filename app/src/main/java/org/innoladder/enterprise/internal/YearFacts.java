package org.innoladder.enterprise.internal;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One accounting year of an enterprise: every yearly data-dictionary column, null meaning unknown. */
@Schema(description = "One accounting year of an enterprise's facts")
public record YearFacts(
        @Schema(description = "Accounting year (年度)", example = "2024") int year,
        @Schema(description = "Every yearly column of the data dictionary by its English key (employees, tech_staff, "
                + "rd_staff, sales_revenue, main_business_revenue, total_income, hightech_income, total_assets, "
                + "total_liabilities, total_costs, net_profit, rd_expense, rd_expense_domestic, ip_class1, ip_class2, "
                + "ip_own_rd, conversions, equity_financing, valuation_usd, major_incident, bad_credit, hnte_certified, "
                + "rd_institution_level, national_award_5y, led_standard_5y, hnte_tech_advancement, hnte_core_support, "
                + "hnte_rd_management, hnte_standards_bonus); money in yuan (valuation_usd in USD); null = unknown")
        Map<String, Object> values,
        @Schema(description = "Column → id of the import batch that supplied the value") Map<String, Long> sources,
        @Schema(description = "Column → the registry record that supplied the value (it wins over an imported one)")
        Map<String, RegistrySource> registrySources) {

    /** A registry record that supplied a value (module resources: an R&D platform for rd_institution_level,
     * the technology contracts of a year for conversions). */
    @Schema(description = "A registry record that supplied a yearly value")
    public record RegistrySource(@Schema(description = "Registry", example = "rd_platform") String registry,
                                 @Schema(description = "The record's id in the registry", example = "42") long id,
                                 @Schema(description = "What the record is, in Chinese") String noteZh,
                                 @Schema(description = "What the record is, in English") String noteEn,
                                 @Schema(description = "Where the record is shown; null: the registry's record page",
                                         example = "/resources/contracts?q=91320412550000017A&year=2024") String href) {
    }

    public Object value(String key) {
        return values.get(key);
    }
}
