package org.innoladder.resources.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.importer.UnreadableFileException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports a platform registry file: one platform per row, its host enterprise by credit code (it must exist and lie in
 * the uploader's write scope). Valid rows are kept and bad ones reported with line, field, value and rule; a row with
 * the key of an earlier row of the same file is rejected as a duplicate; importing the same file again changes
 * nothing. The hosts' {@code rd_institution_level} is supplied from the registry in the same transaction.
 */
@Service
public class PlatformImport {
    public static final List<RegistryColumn> COLUMNS = List.of(
            new RegistryColumn("credit_code", "依托单位统一社会信用代码", true, "统一社会信用代码", "信用代码", "依托单位信用代码"),
            new RegistryColumn("kind", "平台类型", true, "类型", "类别"),
            new RegistryColumn("name", "平台名称", true, "名称"),
            new RegistryColumn("level", "级别", true, "平台级别", "认定级别"),
            new RegistryColumn("document", "认定文号", true, "认定文件", "文号"),
            new RegistryColumn("year", "认定年度", true, "认定年份", "年度"));

    private final Platforms platforms;
    private final RegistryImports imports;
    private final InstitutionLevels levels;
    private final AuditTrail audit;

    public PlatformImport(Platforms platforms, RegistryImports imports, InstitutionLevels levels, AuditTrail audit) {
        this.platforms = platforms;
        this.imports = imports;
        this.levels = levels;
        this.audit = audit;
    }

    /** Only the platform administrator and bureaus keep the registries. */
    public static void requireKeeper(CurrentUser user) {
        if (!(user.role() == org.innoladder.identity.Role.ADMIN || user.role() == org.innoladder.identity.Role.BUREAU)) {
            throw new OutOfScopeException("file", null, "只有科技局或平台管理员可以导入登记数据",
                    "only a bureau or the platform administrator imports registry data", false);
        }
    }

    @Transactional(rollbackFor = Exception.class)
    public RegistryImports.Report importFile(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        requireKeeper(user);
        long importId = imports.open(RegistryImports.Registry.PLATFORM, originalName, user.username());
        int[] counts = new int[3];
        Map<String, Integer> seen = new HashMap<>();
        Set<Long> hosts = new LinkedHashSet<>();
        RegistryFile.Result read = RegistryFile.read(file, originalName, COLUMNS, row -> {
            String code = row.creditCode("credit_code");
            String kindText = row.required("kind", 40);
            PlatformKind kind = PlatformKind.fromText(kindText);
            if (kind == null) {
                throw row.error("kind", kindText, "须为 工程技术研究中心、企业技术中心、重点实验室、新型研发机构、博士后工作站 或 院士工作站",
                        "must be one of 工程技术研究中心, 企业技术中心, 重点实验室, 新型研发机构, 博士后工作站, 院士工作站");
            }
            String name = row.required("name", 200);
            String levelText = row.required("level", 20);
            ResourceLevel level = ResourceLevel.fromText(levelText);
            if (level == null) throw row.error("level", levelText, "须为 国家级、省级 或 市级", "must be 国家级, 省级 or 市级 (national, provincial, municipal)");
            String document = row.required("document", 200);
            int year = row.year("year");
            Platforms.Host host = platforms.host(user, code).orElseThrow(() -> row.error("credit_code", code,
                    "未找到该企业，或它不在您的管理范围内（请先导入企业档案）",
                    "no such enterprise in the scope you may change (import the enterprise first)", "NOT_FOUND"));
            String key = host.id() + "|" + kind + "|" + level + "|" + name;
            Integer first = seen.putIfAbsent(key, row.line());
            if (first != null) {
                throw row.error("name", name, "与第 " + first + " 行重复（同一依托单位、类型、级别和名称）",
                        "duplicates line " + first + " (same host, kind, level and name)", "DUPLICATE");
            }
            switch (platforms.upsert(host, kind, level, name, document, year, importId)) {
                case ADDED -> counts[0]++;
                case UPDATED -> counts[1]++;
                case UNCHANGED -> counts[2]++;
            }
            hosts.add(host.id());
        });
        RegistryImports.Report report = new RegistryImports.Report(importId, originalName, read.rows(), counts[0], counts[1], counts[2],
                read.rejections());
        if (report.valid() == 0) {
            // nothing to keep: the upload leaves no trace but its report (an out-of-scope file changes nothing at all)
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new RegistryImports.Report(null, originalName, read.rows(), 0, 0, 0, read.rejections());
        }
        imports.close(report);
        int facts = levels.supply(hosts);
        audit.record(user.username(), "resources.platforms.import", "resource_import:" + importId,
                "file=" + originalName + "; rows=" + read.rows() + "; added=" + counts[0] + "; updated=" + counts[1]
                        + "; rejected=" + read.rejections().size() + "; facts supplied=" + facts, ip);
        return report;
    }
}
