package org.innoladder.resources.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.importer.UnreadableFileException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the tenants of carriers: one stay per row — the carrier by name, the enterprise by credit code (both in the
 * uploader's write scope), move-in, move-out and graduation dates. Keyed by (carrier, enterprise, move-in): a later
 * file with a move-out or graduation updates the stay; the same file again changes nothing.
 */
@Service
public class TenantImport {
    public static final List<RegistryColumn> COLUMNS = List.of(
            new RegistryColumn("carrier", "载体名称", true, "所在载体", "孵化载体"),
            new RegistryColumn("credit_code", "企业统一社会信用代码", true, "统一社会信用代码", "信用代码"),
            new RegistryColumn("moved_in", "入驻日期", true, "入孵日期", "入驻时间"),
            new RegistryColumn("moved_out", "迁出日期", false, "离孵日期", "迁出时间"),
            new RegistryColumn("graduated_on", "毕业日期", false, "毕业时间"));

    private final Carriers carriers;
    private final Platforms platforms;
    private final RegistryImports imports;
    private final AuditTrail audit;

    public TenantImport(Carriers carriers, Platforms platforms, RegistryImports imports, AuditTrail audit) {
        this.carriers = carriers;
        this.platforms = platforms;
        this.imports = imports;
        this.audit = audit;
    }

    @Transactional(rollbackFor = Exception.class)
    public RegistryImports.Report importFile(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        PlatformImport.requireKeeper(user);
        long importId = imports.open(RegistryImports.Registry.TENANT, originalName, user.username());
        int[] counts = new int[3];
        Map<String, Integer> seen = new HashMap<>();
        RegistryFile.Result read = RegistryFile.read(file, originalName, COLUMNS, row -> {
            String carrierName = row.required("carrier", 200);
            String code = row.creditCode("credit_code");
            LocalDate in = row.date("moved_in", true);
            LocalDate out = row.date("moved_out", false);
            LocalDate graduated = row.date("graduated_on", false);
            if (out != null && out.isBefore(in)) {
                throw row.error("moved_out", out.toString(), "不能早于入驻日期 " + in, "cannot be before the move-in date " + in);
            }
            if (graduated != null && graduated.isBefore(in)) {
                throw row.error("graduated_on", graduated.toString(), "不能早于入驻日期 " + in, "cannot be before the move-in date " + in);
            }
            Carriers.Carrier carrier = carriers.byName(carrierName).filter(c -> WriteScope.coversRegion(user, c.regionCode()))
                    .orElseThrow(() -> row.error("carrier", carrierName, "未登记该载体，或它不在您的管理范围内（请先导入载体）",
                            "no such carrier in the scope you may change (import the carrier first)", "NOT_FOUND"));
            Platforms.Host host = platforms.host(user, code).orElseThrow(() -> row.error("credit_code", code,
                    "未找到该企业，或它不在您的管理范围内（请先导入企业档案）",
                    "no such enterprise in the scope you may change (import the enterprise first)", "NOT_FOUND"));
            String key = carrier.id() + "|" + host.id() + "|" + in;
            Integer first = seen.putIfAbsent(key, row.line());
            if (first != null) {
                throw row.error("credit_code", code, "与第 " + first + " 行重复（同一载体、企业和入驻日期）",
                        "duplicates line " + first + " (same carrier, enterprise and move-in date)", "DUPLICATE");
            }
            switch (carriers.upsertTenant(carrier.id(), host.id(), in, out, graduated, importId)) {
                case ADDED -> counts[0]++;
                case UPDATED -> counts[1]++;
                case UNCHANGED -> counts[2]++;
            }
        });
        return RegistryImports.finish(imports, audit, user, ip, "resources.tenants.import",
                new RegistryImports.Report(importId, originalName, read.rows(), counts[0], counts[1], counts[2], read.rejections()));
    }
}
