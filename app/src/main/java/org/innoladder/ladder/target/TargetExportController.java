package org.innoladder.ladder.target;

import java.io.IOException;
import java.time.Clock;
import java.time.Year;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.LadderService;
import org.innoladder.web.Figures;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The targets page as Excel: one row per target, the region targets first (no department) and then the department
 * targets with the department that answers for them, each with its actual, progress and status as the page shows them.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class TargetExportController {
    private final TargetService targets;
    private final DepartmentTargets departments;
    private final Figures figures;
    private final Clock clock;

    public TargetExportController(TargetService targets, DepartmentTargets departments, Figures figures, Clock clock) {
        this.targets = targets;
        this.departments = departments;
        this.figures = figures;
        this.clock = clock;
    }

    @GetMapping("/ladder/targets/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String year, @RequestParam(required = false) String region,
                       HttpServletResponse response, Locale locale) throws IOException {
        int y = year == null || year.isBlank() ? Year.now(clock).getValue() : LadderService.year("year", year);
        TargetService.Listing listing = targets.list(user, region, y);
        DepartmentTargets.Listing byDepartment = departments.list(user, listing.region(), y);
        SheetWords w = SheetWords.of(locale);
        String file = "targets-" + (listing.region() == null ? "all" : listing.region()) + "-" + y + ".xlsx";
        try (XlsxTable x = XlsxTable.download(response, file, w.w("目标任务 ", "targets ") + y, w.headers(
                "负责部门", "Department", "区划代码", "Region code", "区划", "Region", "指标", "Metric", "梯度", "Tier",
                "目标", "Target", "完成", "Actual", "单位", "Unit", "完成率（%）", "Progress (%)", "状态", "Status"))) {
            for (TargetService.Row r : listing.rows()) row(x, w, w.w("—（区划目标）", "— (region target)"), r, locale);
            for (DepartmentTargets.Row d : byDepartment.rows()) row(x, w, d.departmentName(), d.target(), locale);
        }
    }

    private void row(XlsxTable x, SheetWords w, String department, TargetService.Row r, Locale locale) {
        x.row(department, r.regionCode(), r.regionName(), w.w(r.metricZh(), r.metricEn()), r.tier() == null ? "—" : w.w(r.tierZh(), r.tierEn()),
                r.target(), r.actual(), figures.unit(r.unit(), locale), Math.round(r.progressPercent() * 10) / 10.0,
                r.status() == TargetProgress.Status.ON_TRACK ? w.w("有望完成", "on track") : w.w("存在风险", "at risk"));
    }
}
