package org.innoladder.resources.internal;

import org.innoladder.ladder.TargetMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registries' figures as ladder targets ({@link TargetMetric}): carriers by level (如皋 counts "省级以上双创载体14家，
 * 其中国家级孵化器4家"), R&D platforms, and the technology-transaction amount of registered contracts (乌鲁木齐:
 * "技术合同交易额突破10亿元"). Stocks (carriers, platforms) count what was recognised by the end of the year — the
 * registry keeps no withdrawal yet (docs/resources.md) — and lie where the carrier is, or where the platform's host
 * is; the amounts are the year's contracts signed, by the seller's region (技术输出, where a contract is registered)
 * or the buyer's (技术吸纳), in whole 万元.
 */
@Configuration(proxyBeanMethods = false)
class ResourceTargetMetrics {
    static final String CARRIERS = "SELECT count(*) FROM carrier c WHERE c.region_code LIKE :scope AND c.region_code LIKE :region"
            + " AND c.recognised_year <= :year";
    static final String PLATFORMS = "SELECT count(*) FROM rd_platform p JOIN enterprise e ON e.id = p.enterprise_id"
            + " WHERE e.region_code LIKE :scope AND e.region_code LIKE :region AND p.recognised_year <= :year";
    static final String TECH_AMOUNT = "SELECT CAST(round(coalesce(sum(c.tech_amount_yuan), 0) / 10000) AS bigint) FROM tech_contract c"
            + " WHERE c.%1$s_region LIKE :scope AND c.%1$s_region LIKE :region"
            + " AND c.signed_on >= make_date(:year, 1, 1) AND c.signed_on <= :day";

    @Bean
    TargetMetric nationalCarriersMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "CARRIERS_NATIONAL", "国家级科创载体数", "National-level carriers (incubators, 众创空间 …)",
                "carriers", CARRIERS + " AND c.level = 'NATIONAL'", false);
    }

    @Bean
    TargetMetric provincialCarriersMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "CARRIERS_PROVINCIAL_UP", "省级以上科创载体数", "Carriers of provincial level or above",
                "carriers", CARRIERS + " AND c.level IN ('NATIONAL', 'PROVINCIAL')", false);
    }

    @Bean
    TargetMetric carriersMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "CARRIERS", "科创载体数（各级）", "Carriers (any level)", "carriers", CARRIERS, false);
    }

    @Bean
    TargetMetric platformsMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "RD_PLATFORMS", "研发平台数（各级）", "R&D platforms (any level)", "platforms", PLATFORMS, false);
    }

    @Bean
    TargetMetric provincialPlatformsMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "RD_PLATFORMS_PROVINCIAL_UP", "省级以上研发平台数", "R&D platforms of provincial level or above",
                "platforms", PLATFORMS + " AND p.level IN ('NATIONAL', 'PROVINCIAL')", false);
    }

    @Bean
    TargetMetric techOutflowMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "TECH_CONTRACT_OUTFLOW", "技术合同成交额（输出，年内签订）",
                "Technology-transaction amount sold (outflow), signed in the year", "wanyuan", TECH_AMOUNT.formatted("seller"), true);
    }

    @Bean
    TargetMetric techInflowMetric(JdbcClient jdbc) {
        return new RegistryMetric(jdbc, "TECH_CONTRACT_INFLOW", "技术合同成交额（吸纳，年内签订）",
                "Technology-transaction amount bought (inflow), signed in the year", "wanyuan", TECH_AMOUNT.formatted("buyer"), true);
    }
}
