package org.innoladder.enterprise.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** An enterprise's identity and recognitions, as the REST API returns it. */
@Schema(description = "An enterprise: identity and recognitions")
public record EnterpriseDetail(
        @Schema(description = "Unified social credit code (统一社会信用代码)") String creditCode,
        @Schema(description = "Enterprise name (企业名称)") String name,
        @Schema(description = "Statistical region code, 6 or 9 digits") String regionCode,
        @Schema(description = "The region and its ancestors from the city down") List<EnterpriseProfile.RegionName> regionPath,
        @Schema(description = "Industry code, GB/T 4754-2017") String industryCode,
        @Schema(description = "HNTE domain code 01–08") String hnteDomain,
        @Schema(description = "HNTE domain name in Chinese") String hnteDomainZh,
        @Schema(description = "Date founded") LocalDate foundedOn,
        @Schema(description = "Listed; null = unknown") Boolean listed,
        @Schema(description = "Column → id of the import batch that supplied the current value") Map<String, Long> sources,
        @Schema(description = "Recognitions, newest first") List<RecognitionHeld> recognitions) {

    public static EnterpriseDetail of(EnterpriseProfile p, List<RecognitionHeld> recognitions) {
        HnteDomain d = p.hnteDomain() == null ? null : HnteDomain.ofCode(p.hnteDomain());
        return new EnterpriseDetail(p.creditCode(), p.name(), p.regionCode(), p.regionPath(), p.industryCode(),
                p.hnteDomain(), d == null ? null : d.nameZh(), p.foundedOn(), p.listed(), p.sources(), recognitions);
    }
}
