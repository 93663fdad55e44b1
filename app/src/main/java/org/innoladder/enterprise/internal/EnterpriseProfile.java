package org.innoladder.enterprise.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.swagger.v3.oas.annotations.media.Schema;

/** An enterprise's identity (the enterprise-level columns of the data dictionary). */
@Schema(description = "An enterprise's identity")
public record EnterpriseProfile(
        @JsonIgnore long id,
        @Schema(description = "Unified social credit code (统一社会信用代码)") String creditCode,
        @Schema(description = "Enterprise name (企业名称)") String name,
        @Schema(description = "Statistical region code (所属区划代码), 6 or 9 digits") String regionCode,
        @Schema(description = "The region and its ancestors from the city down, e.g. 常州市 › 武进区 › 湖塘镇") List<RegionName> regionPath,
        @Schema(description = "Industry code, GB/T 4754-2017 (行业代码)") String industryCode,
        @Schema(description = "HNTE domain 01–08 (高新技术领域)") String hnteDomain,
        @Schema(description = "Date founded (成立日期)") LocalDate foundedOn,
        @Schema(description = "Listed (是否上市); null = unknown") Boolean listed,
        @Schema(description = "Column → id of the import batch that supplied the current value") Map<String, Long> sources) {

    @Schema(description = "A region code and its name")
    public record RegionName(String code, String name) {
    }
}
