package org.innoladder.resources.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.importer.UnreadableFileException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the technology-contract registration export (技术合同认定登记, Chinese headers): one contract per row keyed by its
 * number; buyer and seller with name, optional credit code and region code; amounts in 万元 (stored in yuan). A row is
 * kept only when the buyer's or the seller's region lies in the uploader's write scope (and, for a number already
 * registered, the stored contract's too). Valid rows are kept, bad ones reported; the same file again changes nothing.
 */
@Service
public class ContractImport {
    public static final List<RegistryColumn> COLUMNS = List.of(
            new RegistryColumn("contract_no", "合同编号", true, "合同登记号", "登记编号"),
            new RegistryColumn("contract_kind", "合同类型", true, "合同类别", "技术合同类型", "kind"),
            new RegistryColumn("buyer_name", "买方名称", true, "买方", "委托方名称"),
            new RegistryColumn("buyer_credit_code", "买方统一社会信用代码", false, "买方信用代码"),
            new RegistryColumn("buyer_region", "买方所在地区代码", true, "买方地区代码", "买方行政区划代码"),
            new RegistryColumn("seller_name", "卖方名称", true, "卖方", "受托方名称"),
            new RegistryColumn("seller_credit_code", "卖方统一社会信用代码", false, "卖方信用代码"),
            new RegistryColumn("seller_region", "卖方所在地区代码", true, "卖方地区代码", "卖方行政区划代码"),
            new RegistryColumn("amount", "合同金额（万元）", true, "合同成交额（万元）", "合同金额", "成交金额（万元）"),
            new RegistryColumn("tech_amount", "技术交易额（万元）", true, "技术交易额"),
            new RegistryColumn("signed_on", "签订日期", true, "合同签订日期", "签订时间"));
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);

    private final Contracts contracts;
    private final RegistryImports imports;
    private final AuditTrail audit;
    private final TechnologyConversions conversions;

    public ContractImport(Contracts contracts, RegistryImports imports, AuditTrail audit, TechnologyConversions conversions) {
        this.contracts = contracts;
        this.imports = imports;
        this.audit = audit;
        this.conversions = conversions;
    }

    @Transactional(rollbackFor = Exception.class)
    public RegistryImports.Report importFile(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        PlatformImport.requireKeeper(user);
        long importId = imports.open(RegistryImports.Registry.CONTRACT, originalName, user.username());
        int[] counts = new int[3];
        Map<String, Integer> seen = new HashMap<>();
        // the sellers whose yearly conversions may change: this file's, and the former seller of a changed contract
        Set<String> sellers = new HashSet<>();
        RegistryFile.Result read = RegistryFile.read(file, originalName, COLUMNS, row -> {
            String no = row.required("contract_no", 60);
            String kindText = row.required("contract_kind", 20);
            ContractKind kind = ContractKind.fromText(kindText);
            if (kind == null) {
                throw row.error("contract_kind", kindText, "须为 技术开发、技术转让、技术许可、技术咨询 或 技术服务",
                        "must be one of 技术开发, 技术转让, 技术许可, 技术咨询, 技术服务");
            }
            String buyer = row.required("buyer_name", 200);
            String buyerCode = optionalCode(row, "buyer_credit_code");
            String buyerRegion = region(row, "buyer_region");
            String seller = row.required("seller_name", 200);
            String sellerCode = optionalCode(row, "seller_credit_code");
            String sellerRegion = region(row, "seller_region");
            BigDecimal amount = row.amount("amount", true);
            BigDecimal tech = row.amount("tech_amount", true);
            if (tech.compareTo(amount) > 0) {
                throw row.error("tech_amount", tech.toPlainString(), "不能大于合同金额 " + amount.toPlainString() + " 万元",
                        "cannot exceed the contract amount of " + amount.toPlainString() + " (10k yuan)");
            }
            LocalDate signed = row.date("signed_on", true);
            if (!WriteScope.coversRegion(user, buyerRegion) && !WriteScope.coversRegion(user, sellerRegion)) {
                throw row.error("seller_region", sellerRegion, "买方和卖方所在地区都不在您的管理范围内",
                        "neither the buyer's nor the seller's region lies in the scope you may change", "NOT_FOUND");
            }
            if (TechnologyConversions.COUNTED.contains(kind)) requireSellerInScope(user, row, sellerCode);
            Integer first = seen.putIfAbsent(no, row.line());
            if (first != null) {
                throw row.error("contract_no", no, "与第 " + first + " 行重复（同一合同编号）", "duplicates line " + first + " (same contract number)", "DUPLICATE");
            }
            Optional<Contracts.Contract> old = contracts.byNumber(no);
            if (old.isPresent() && !WriteScope.coversRegion(user, old.get().buyerRegion()) && !WriteScope.coversRegion(user, old.get().sellerRegion())) {
                throw row.error("contract_no", no, "该编号已登记为您管理范围外的合同", "numbers a contract outside the scope you may change", "NOT_FOUND");
            }
            // changing a registered transfer or licence changes its seller's conversions too
            if (old.isPresent() && TechnologyConversions.COUNTED.contains(old.get().kind())) requireSellerInScope(user, row, old.get().sellerCreditCode());
            Contracts.Contract c = new Contracts.Contract(0, no, kind, buyer, buyerCode, buyerRegion, seller, sellerCode, sellerRegion,
                    amount.multiply(WAN).setScale(2, java.math.RoundingMode.HALF_UP), tech.multiply(WAN).setScale(2, java.math.RoundingMode.HALF_UP), signed);
            switch (contracts.upsert(c, importId)) {
                case ADDED -> counts[0]++;
                case UPDATED -> counts[1]++;
                case UNCHANGED -> counts[2]++;
            }
            if (sellerCode != null) sellers.add(sellerCode);
            old.map(Contracts.Contract::sellerCreditCode).ifPresent(sellers::add);
        });
        conversions.supplyByCreditCode(sellers);
        return RegistryImports.finish(imports, audit, user, ip, "resources.contracts.import",
                new RegistryImports.Report(importId, originalName, read.rows(), counts[0], counts[1], counts[2], read.rejections()));
    }

    /** A transfer or licence counts among the seller's conversions, a fact only the seller's keepers may change. */
    private void requireSellerInScope(CurrentUser user, RegistryFile.Row row, String sellerCode) {
        if (sellerCode == null) return;
        contracts.enterpriseRegion(sellerCode).filter(r -> !WriteScope.coversRegion(user, r)).ifPresent(r -> {
            throw row.error("seller_credit_code", sellerCode, "卖方企业不在您的管理范围内：技术转让、许可合同计入卖方的科技成果转化数，请由卖方所在地登记",
                    "the seller lies outside the scope you may change: a transfer or licence counts among the seller's conversions,"
                            + " so the seller's keepers register it", "NOT_FOUND");
        });
    }

    private static String optionalCode(RegistryFile.Row row, String key) {
        return row.text(key) == null ? null : row.creditCode(key);
    }

    private String region(RegistryFile.Row row, String key) {
        String region = row.required(key, 12);
        if (!region.matches("[0-9]{2,9}") || !contracts.regionExists(region)) {
            throw row.error(key, region, "须为行政区划代码（如 320412）", "must be a region code (such as 320412)");
        }
        return region;
    }
}
