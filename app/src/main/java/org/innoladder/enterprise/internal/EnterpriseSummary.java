package org.innoladder.enterprise.internal;

import java.util.Locale;

import org.innoladder.rules.ladder.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.swagger.v3.oas.annotations.media.Schema;

/** One row of the enterprise list: identity plus the facts of the data year (chosen, or the latest). */
@Schema(description = "An enterprise in a search result, with the facts of one accounting year")
public record EnterpriseSummary(
        @JsonIgnore long id,
        @Schema(description = "Unified social credit code (统一社会信用代码)", example = "914403001922038216") String creditCode,
        @Schema(description = "Enterprise name (企业名称)") String name,
        @Schema(description = "Statistical region code, 6 (county) or 9 (town) digits") String regionCode,
        @Schema(description = "County/district code (区县)") String countyCode,
        @Schema(description = "County/district name") String countyName,
        @Schema(description = "Town/street code (镇/街道), null when the enterprise is registered at county level") String townCode,
        @Schema(description = "Town/street name") String townName,
        @Schema(description = "Industry code, GB/T 4754-2017") String industryCode,
        @Schema(description = "HNTE domain 01–08 (高新技术领域)") String hnteDomain,
        @Schema(description = "Date founded (成立日期)") LocalDate foundedOn,
        @Schema(description = "Listed on a stock exchange; null = unknown") Boolean listed,
        @Schema(description = "The accounting year the following facts belong to; null when the enterprise has no data for it") Integer dataYear,
        @Schema(description = "Sales revenue (销售收入) in yuan; null = unknown") BigDecimal salesRevenue,
        @Schema(description = "Employees (职工总数); null = unknown") Integer employees,
        @Schema(description = "R&D intensity = rd_expense / sales_revenue as a fraction (0.05 = 5%); null when either is unknown or revenue is 0") BigDecimal rdIntensity,
        @Schema(description = "Kinds of recognition valid today (TSME, HNTE, GAZELLE …)") List<String> recognitions) {

    /** Chinese names of the recognitions held, for the list page. */
    @JsonIgnore
    public List<String> recognitionNamesZh() {
        return recognitions.stream().map(k -> Tier.valueOf(k).recognitionLabel(Locale.CHINESE)).toList();
    }

    @JsonIgnore
    public List<String> recognitionNamesEn() {
        return recognitions.stream().map(k -> Tier.valueOf(k).recognitionLabel(Locale.ENGLISH)).toList();
    }
}
