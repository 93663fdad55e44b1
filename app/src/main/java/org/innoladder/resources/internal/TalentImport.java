package org.innoladder.resources.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.importer.UnreadableFileException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports talent awards: programme, year, the person's name and role, the enterprise by credit code (in the uploader's
 * write scope). A file with personal columns beyond these (ID numbers, phones) is not read for them: only the named
 * columns are. Keyed by (programme, year, person, enterprise); the same file again changes nothing.
 */
@Service
public class TalentImport {
    public static final List<RegistryColumn> COLUMNS = List.of(
            new RegistryColumn("programme", "人才计划", true, "人才项目", "入选计划", "项目名称"),
            new RegistryColumn("award_year", "入选年度", true, "年度", "入选年份"),
            new RegistryColumn("person_name", "姓名", true, "人才姓名"),
            new RegistryColumn("role", "职务或类别", false, "职务", "类别", "人才类别"),
            new RegistryColumn("credit_code", "企业统一社会信用代码", true, "统一社会信用代码", "信用代码", "所在企业信用代码"));

    private final Talents talents;
    private final Platforms platforms;
    private final RegistryImports imports;
    private final AuditTrail audit;

    public TalentImport(Talents talents, Platforms platforms, RegistryImports imports, AuditTrail audit) {
        this.talents = talents;
        this.platforms = platforms;
        this.imports = imports;
        this.audit = audit;
    }

    @Transactional(rollbackFor = Exception.class)
    public RegistryImports.Report importFile(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        PlatformImport.requireKeeper(user);
        long importId = imports.open(RegistryImports.Registry.TALENT, originalName, user.username());
        int[] counts = new int[3];
        Map<String, Integer> seen = new HashMap<>();
        RegistryFile.Result read = RegistryFile.read(file, originalName, COLUMNS, row -> {
            String programme = row.required("programme", 100);
            int year = row.year("award_year");
            String person = row.required("person_name", 50);
            String role = row.optional("role", 50);
            String code = row.creditCode("credit_code");
            Platforms.Host host = platforms.host(user, code).orElseThrow(() -> row.error("credit_code", code,
                    "未找到该企业，或它不在您的管理范围内（请先导入企业档案）",
                    "no such enterprise in the scope you may change (import the enterprise first)", "NOT_FOUND"));
            String key = programme + "|" + year + "|" + person + "|" + host.id();
            Integer first = seen.putIfAbsent(key, row.line());
            if (first != null) {
                throw row.error("person_name", person, "与第 " + first + " 行重复（同一计划、年度、姓名和企业）",
                        "duplicates line " + first + " (same programme, year, name and enterprise)", "DUPLICATE");
            }
            switch (talents.upsert(programme, year, person, role, host.id(), importId)) {
                case ADDED -> counts[0]++;
                case UPDATED -> counts[1]++;
                case UNCHANGED -> counts[2]++;
            }
        });
        return RegistryImports.finish(imports, audit, user, ip, "resources.talents.import",
                new RegistryImports.Report(importId, originalName, read.rows(), counts[0], counts[1], counts[2], read.rejections()));
    }
}
