package org.innoladder.investment.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.investment.domain.InvestmentSource;
import org.innoladder.investment.domain.InvestmentStatus;
import org.innoladder.resources.internal.RegistryColumn;
import org.innoladder.resources.internal.RegistryFile;
import org.innoladder.resources.internal.RegistryImports;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a 科技招商 project register (Chinese headers) through the resources module's registry reader: one project per
 * row keyed by its town and name; planned and signed investment in 万元 (stored in yuan). A new project is registered at
 * the stage the file gives (default 线索) with what that stage needs (签约: amount and date; 落地: the enterprise and
 * date; 投产: date; 终止: reason); an existing one keeps its stage — the file may update its field, source, planned
 * investment and enterprise, and a different stage is refused (stages move through the project's steps). The town
 * must lie in the uploader's write scope; the enterprise, when given, must be registered there. Valid rows are kept,
 * bad ones reported; the same file again changes nothing.
 */
@Service
public class ProjectImport {
    public static final List<RegistryColumn> COLUMNS = List.of(
            new RegistryColumn("project", "项目名称", true, "名称", "name"),
            new RegistryColumn("field", "产业领域", true, "所属领域", "领域", "行业", "产业"),
            new RegistryColumn("planned", "计划投资额（万元）", true, "计划投资（万元）", "投资额（万元）", "计划投资额"),
            new RegistryColumn("source", "项目来源", true, "来源"),
            new RegistryColumn("town", "所属镇街代码", true, "镇街代码", "所属地区代码", "地区代码", "region"),
            new RegistryColumn("status", "项目阶段", false, "阶段", "状态"),
            new RegistryColumn("lead_on", "线索日期", false, "登记日期", "获取日期"),
            new RegistryColumn("signed", "签约投资额（万元）", false, "签约投资额", "协议投资额（万元）"),
            new RegistryColumn("signed_on", "签约日期", false),
            new RegistryColumn("credit_code", "企业统一社会信用代码", false, "统一社会信用代码", "信用代码"),
            new RegistryColumn("landed_on", "落地日期", false, "注册日期"),
            new RegistryColumn("producing_on", "投产日期", false),
            new RegistryColumn("reason", "终止原因", false, "原因"));
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);

    private final Projects projects;
    private final InvestmentImports imports;

    public ProjectImport(Projects projects, InvestmentImports imports) {
        this.projects = projects;
        this.imports = imports;
    }

    /** Officers import: ADMIN, BUREAU and TOWN (区镇联动: towns keep their own projects). */
    public static void requireOfficer(CurrentUser user) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU && user.role() != Role.TOWN) {
            throw new OutOfScopeException("file", null, "只有科技局、镇（街道）经办人或平台管理员可以导入招商项目",
                    "only a bureau or town officer or the platform administrator imports projects", false);
        }
    }

    @Transactional(rollbackFor = Exception.class)
    public RegistryImports.Report importFile(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        requireOfficer(user);
        long importId = imports.open(originalName, user.username());
        int[] counts = new int[3];
        Map<String, Integer> seen = new HashMap<>();
        RegistryFile.Result read = RegistryFile.read(file, originalName, COLUMNS, row -> {
            String name = row.required("project", 200);
            String field = row.required("field", 60);
            BigDecimal planned = row.amount("planned", true);
            if (planned.signum() == 0) throw row.error("planned", row.text("planned"), "须大于 0", "must be above 0");
            String sourceText = row.required("source", 20);
            InvestmentSource source = InvestmentSource.fromText(sourceText);
            if (source == null) {
                throw row.error("source", sourceText, "须为 招商活动、以商招商、中介机构、基金招商、载体招商、区镇联动 或 其他",
                        "must be one of 招商活动, 以商招商, 中介机构, 基金招商, 载体招商, 区镇联动, 其他");
            }
            String town = row.required("town", 12);
            if (!town.matches("[0-9]{9}") || !"town".equals(projects.regionLevel(town).orElse(null))) {
                throw row.error("town", town, "须为乡镇（街道）的 9 位区划代码，如 320412100", "must be the 9-digit code of a town, such as 320412100");
            }
            if (!WriteScope.coversRegion(user, town)) {
                throw row.error("town", town, "不在您的管理范围内", "is outside the scope you may change", "NOT_FOUND");
            }
            String statusText = row.text("status");
            InvestmentStatus status = statusText == null ? InvestmentStatus.LEAD : InvestmentStatus.fromText(statusText);
            if (status == null) {
                throw row.error("status", statusText, "须为 线索、洽谈、签约、落地、投产 或 终止", "must be one of 线索, 洽谈, 签约, 落地, 投产, 终止");
            }
            LocalDate leadOn = row.date("lead_on", false);
            BigDecimal signed = row.amount("signed", false);
            LocalDate signedOn = row.date("signed_on", false);
            String code = row.text("credit_code") == null ? null : row.creditCode("credit_code");
            LocalDate landedOn = row.date("landed_on", false);
            LocalDate producingOn = row.date("producing_on", false);
            String reason = row.optional("reason", 2000);
            boolean signedStage = status == InvestmentStatus.SIGNED || status == InvestmentStatus.LANDED || status == InvestmentStatus.PRODUCING;
            boolean landedStage = status == InvestmentStatus.LANDED || status == InvestmentStatus.PRODUCING;
            if (signedStage && (signed == null || signed.signum() == 0)) {
                throw row.error("signed", java.util.Objects.toString(row.text("signed"), ""), "“" + status.zh() + "”阶段须填写大于 0 的签约投资额", "needed above 0 at stage " + status.name());
            }
            if (signedStage && signedOn == null) throw row.error("signed_on", "", "“" + status.zh() + "”阶段须填写签约日期", "needed at stage " + status.name());
            if (landedStage && code == null) throw row.error("credit_code", "", "“" + status.zh() + "”阶段须填写落地企业的统一社会信用代码", "needed at stage " + status.name());
            if (landedStage && landedOn == null) throw row.error("landed_on", "", "“" + status.zh() + "”阶段须填写落地日期", "needed at stage " + status.name());
            if (status == InvestmentStatus.PRODUCING && producingOn == null) throw row.error("producing_on", "", "“投产”阶段须填写投产日期", "needed at stage PRODUCING");
            if (status == InvestmentStatus.TERMINATED && reason == null) throw row.error("reason", "", "“终止”阶段须填写终止原因", "needed at stage TERMINATED");
            if (code != null && !projects.enterpriseInScope(user, code)) {
                throw row.error("credit_code", code, "企业档案中没有该企业，或不在您的管理范围内", "no such enterprise in the scope you may change", "NOT_FOUND");
            }
            LocalDate lead = leadOn != null ? leadOn : signedOn != null ? signedOn : LocalDate.now();
            order(row, "signed_on", signedOn, lead);
            order(row, "landed_on", landedOn, signedOn != null ? signedOn : lead);
            order(row, "producing_on", producingOn, landedOn != null ? landedOn : lead);
            Integer first = seen.putIfAbsent(town + "\u0000" + name, row.line());
            if (first != null) {
                throw row.error("project", name, "与第 " + first + " 行重复（同一镇街、同一项目名称）", "duplicates line " + first + " (same town and name)", "DUPLICATE");
            }
            Optional<Projects.Project> old = projects.byKey(town, name);
            if (old.isPresent() && statusText != null && old.get().status() != status) {
                throw row.error("status", statusText, "项目已登记为“" + old.get().status().zh() + "”，阶段须在项目页按流程变更",
                        "the project is registered at " + old.get().status().name() + "; stages move through its steps");
            }
            Projects.Project p = new Projects.Project(0, name, field, source, town, planned.multiply(WAN), signedStage ? signed.multiply(WAN) : null,
                    status, code, null, lead, signedStage ? signedOn : null, landedStage ? landedOn : null,
                    status == InvestmentStatus.PRODUCING ? producingOn : null, status == InvestmentStatus.TERMINATED ? reason : null);
            switch (projects.upsert(p, importId, user.username())) {
                case ADDED -> counts[0]++;
                case UPDATED -> counts[1]++;
                case UNCHANGED -> counts[2]++;
            }
        });
        return imports.finish(user, ip, new RegistryImports.Report(importId, originalName, read.rows(), counts[0], counts[1], counts[2],
                read.rejections()));
    }

    private static void order(RegistryFile.Row row, String key, LocalDate date, LocalDate notBefore) {
        if (date != null && notBefore != null && date.isBefore(notBefore)) {
            throw row.error(key, date.toString(), "不能早于 " + notBefore, "cannot be before " + notBefore);
        }
        if (date != null && date.isAfter(LocalDate.now())) throw row.error(key, date.toString(), "不能晚于今天", "cannot lie in the future");
    }
}
