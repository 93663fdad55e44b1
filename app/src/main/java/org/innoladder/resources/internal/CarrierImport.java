package org.innoladder.resources.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.importer.UnreadableFileException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a carrier register: one carrier per row, keyed by its name, in a region (code) of the uploader's write scope.
 * Valid rows are kept, bad ones reported with line, field, value and rule; a name seen earlier in the file is a
 * duplicate; a name held by a carrier outside the uploader's scope is refused; importing the same file again changes
 * nothing.
 */
@Service
public class CarrierImport {
    public static final List<RegistryColumn> COLUMNS = List.of(
            new RegistryColumn("carrier", "载体名称", true, "名称", "name"),
            new RegistryColumn("carrier_kind", "载体类型", true, "类型", "类别", "kind"),
            new RegistryColumn("level", "级别", true, "认定级别"),
            new RegistryColumn("region", "所在地区代码", true, "地区代码", "行政区划代码", "区划代码"),
            new RegistryColumn("operator", "运营单位", false, "运营机构"),
            new RegistryColumn("area", "面积（平方米）", false, "面积", "场地面积", "孵化场地面积"),
            new RegistryColumn("document", "认定文号", true, "认定文件", "文号"),
            new RegistryColumn("year", "认定年度", true, "认定年份", "年度"));
    static final BigDecimal MAX_AREA = new BigDecimal("10000000");

    private final Carriers carriers;
    private final RegistryImports imports;
    private final AuditTrail audit;

    public CarrierImport(Carriers carriers, RegistryImports imports, AuditTrail audit) {
        this.carriers = carriers;
        this.imports = imports;
        this.audit = audit;
    }

    @Transactional(rollbackFor = Exception.class)
    public RegistryImports.Report importFile(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        PlatformImport.requireKeeper(user);
        long importId = imports.open(RegistryImports.Registry.CARRIER, originalName, user.username());
        int[] counts = new int[3];
        Map<String, Integer> seen = new HashMap<>();
        RegistryFile.Result read = RegistryFile.read(file, originalName, COLUMNS, row -> {
            String name = row.required("carrier", 200);
            String kindText = row.required("carrier_kind", 40);
            CarrierKind kind = CarrierKind.fromText(kindText);
            if (kind == null) {
                throw row.error("carrier_kind", kindText, "须为 科技企业孵化器、众创空间、加速器、专业孵化器 或 飞地孵化器",
                        "must be one of 科技企业孵化器, 众创空间, 加速器, 专业孵化器, 飞地孵化器");
            }
            String levelText = row.required("level", 20);
            ResourceLevel level = ResourceLevel.fromText(levelText);
            if (level == null) throw row.error("level", levelText, "须为 国家级、省级 或 市级", "must be 国家级, 省级 or 市级 (national, provincial, municipal)");
            String region = row.required("region", 12);
            if (!region.matches("[0-9]{2,9}") || !carriers.regionExists(region)) {
                throw row.error("region", region, "须为行政区划代码（如区县 320412、乡镇街道 320412100）",
                        "must be a region code (a county such as 320412, a town such as 320412100)");
            }
            if (!WriteScope.coversRegion(user, region)) {
                throw row.error("region", region, "不在您的管理范围内", "is outside the scope you may change", "NOT_FOUND");
            }
            String operator = row.optional("operator", 200);
            BigDecimal area = row.measure("area", MAX_AREA, "平方米", "m²");
            String document = row.required("document", 200);
            int year = row.year("year");
            Integer first = seen.putIfAbsent(name, row.line());
            if (first != null) {
                throw row.error("carrier", name, "与第 " + first + " 行重复（同一载体名称）", "duplicates line " + first + " (same carrier name)", "DUPLICATE");
            }
            Optional<Carriers.Carrier> old = carriers.byName(name);
            if (old.isPresent() && !WriteScope.coversRegion(user, old.get().regionCode())) {
                throw row.error("carrier", name, "该名称已登记为您管理范围外的载体", "names a carrier outside the scope you may change", "NOT_FOUND");
            }
            switch (carriers.upsert(new Carriers.Carrier(0, kind, level, name, region, operator, area, document, year, null), importId)) {
                case ADDED -> counts[0]++;
                case UPDATED -> counts[1]++;
                case UNCHANGED -> counts[2]++;
            }
        });
        return RegistryImports.finish(imports, audit, user, ip, "resources.carriers.import",
                new RegistryImports.Report(importId, originalName, read.rows(), counts[0], counts[1], counts[2], read.rejections()));
    }
}
