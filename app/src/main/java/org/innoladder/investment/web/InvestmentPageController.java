package org.innoladder.investment.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.resources.internal.RegistryUploads;
import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.investment.domain.InvestmentStatus;
import org.innoladder.investment.domain.InvestmentWorkflow;
import org.innoladder.investment.internal.InvestmentImports;
import org.innoladder.investment.internal.InvestmentRefusedException;
import org.innoladder.investment.internal.ProjectEdits;
import org.innoladder.investment.internal.ProjectImport;
import org.innoladder.investment.internal.Projects;
import org.innoladder.resources.internal.RegistryImports;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.innoladder.web.RegionNames;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 科技招商 — the projects of the caller's scope: counts and investment per stage, the list with a region picker and a
 * stage filter, the Excel export, the import of a register with its row-level report, and one project with its history
 * and the steps the caller may take now. Amounts in 万元.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class InvestmentPageController {
    static final int PAGE_SIZE = 50;
    static final int EXPORT_MAX = 100_000;
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);

    private final Projects projects;
    private final ProjectImport importer;
    private final InvestmentImports imports;
    private final RegionNames regionNames;
    private final AuditTrail audit;
    private final ProjectEdits edits;

    public InvestmentPageController(Projects projects, ProjectImport importer, InvestmentImports imports, RegionNames regionNames,
                                    AuditTrail audit, ProjectEdits edits) {
        this.edits = edits;
        this.projects = projects;
        this.importer = importer;
        this.imports = imports;
        this.regionNames = regionNames;
        this.audit = audit;
    }

    static Projects.Filter filter(CurrentUser user, String region, String status, String q) {
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 100) throw new BadParameterException("q", text, "搜索词不能超过 100 个字符", "at most 100 characters");
        return new Projects.Filter(r, Params.choice("status", status, InvestmentStatus.class), text);
    }

    static boolean officer(CurrentUser user) {
        return user.role() == org.innoladder.identity.Role.ADMIN || user.role() == org.innoladder.identity.Role.BUREAU
                || user.role() == org.innoladder.identity.Role.TOWN;
    }

    @GetMapping("/investment")
    public String list(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model) {
        Projects.Filter f = filter(user, region, status, q);
        model.addAttribute("filter", f);
        String focus = f.region() != null ? f.region() : Projects.scopeRoot(user.scope());
        model.addAttribute("focusName", focus == null || focus.isEmpty() ? null : regionNames.name(focus));
        model.addAttribute("byStatus", projects.byStatus(user.scope(), f));
        model.addAttribute("result", projects.list(user.scope(), f, Params.page(page), PAGE_SIZE));
        model.addAttribute("statuses", Arrays.asList(InvestmentStatus.values()));
        model.addAttribute("officer", officer(user));
        model.addAttribute("uploads", officer(user) ? imports.latest(5) : List.of());
        model.addAttribute("columns", ProjectImport.COLUMNS);
        return "investment/list";
    }

    @GetMapping("/investment/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String q, Locale locale, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        Projects.Filter f = filter(user, region, status, q);
        List<Projects.Project> rows = projects.all(user.scope(), f, EXPORT_MAX);
        SheetWords w = SheetWords.of(locale);
        try (XlsxTable x = XlsxTable.download(response, "investment-projects.xlsx", w.w("科技招商项目", "Investment projects"),
                w.headers("项目名称", "project", "产业领域", "field", "项目来源", "source", "所属镇街", "town", "项目阶段", "stage",
                        "计划投资额（万元）", "planned investment (10k yuan)", "签约投资额（万元）", "signed investment (10k yuan)",
                        "线索日期", "lead on", "签约日期", "signed on", "落地日期", "landed on", "投产日期", "in production on",
                        "落地企业", "enterprise", "企业统一社会信用代码", "credit code", "终止原因", "reason terminated")).in(locale)) {
            for (Projects.Project p : rows) {
                x.row(p.name(), p.field(), p.source().label(locale), regionNames.place(p.regionCode()), p.status().label(locale),
                        wan(p.plannedYuan()), p.signedYuan() == null ? "" : wan(p.signedYuan()), p.leadOn(), blank(p.signedOn()),
                        blank(p.landedOn()), blank(p.producingOn()), p.enterpriseName() == null ? "" : p.enterpriseName(),
                        p.creditCode() == null ? "" : p.creditCode(), p.terminatedReason() == null ? "" : p.terminatedReason());
            }
        }
        audit.record(user.username(), "investment.export", null, "rows=" + rows.size() + "; region=" + f.region() + "; status=" + f.status(),
                request.getRemoteAddr());
    }

    private static Object blank(Object o) {
        return o == null ? "" : o;
    }

    static BigDecimal wan(BigDecimal yuan) {
        return yuan.divide(WAN, 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    @PostMapping("/investment/import")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String upload(CurrentUser user, @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
                         HttpServletResponse response, Model model) throws IOException {
        RegistryUploads.Result r = RegistryUploads.upload(file, (path, name) -> importer.importFile(user, path, name, request.getRemoteAddr()));
        if (r.unreadable() != null) {
            response.setStatus(400);
            model.addAttribute("importError", r.unreadable());
        } else {
            model.addAttribute("report", r.report());
        }
        return list(user, null, null, null, null, model);
    }

    @GetMapping("/investment/{id}")
    public String detail(CurrentUser user, @PathVariable String id, Model model) {
        Projects.Project p = projects.get(user.scope(), Params.requiredId("id", id)).orElseThrow(InvestmentPageController::notFound);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ProjectEdits.Input(p.name(), p.field(), p.source().name(), wan(p.plannedYuan()).toPlainString(),
                    p.regionCode()));
        }
        model.addAttribute("sources", java.util.Arrays.asList(org.innoladder.investment.domain.InvestmentSource.values()));
        model.addAttribute("canEdit", officer(user) && WriteScope.coversRegion(user, p.regionCode()));
        model.addAttribute("p", p);
        model.addAttribute("history", projects.history(user.scope(), p.id()));
        model.addAttribute("plannedWan", wan(p.plannedYuan()).toPlainString());
        model.addAttribute("actions", InvestmentWorkflow.available(p.status(),
                new InvestmentWorkflow.Actor(user.role(), WriteScope.coversRegion(user, p.regionCode()))));
        return "investment/detail";
    }

    @PostMapping("/investment/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String act(CurrentUser user, @PathVariable String id, @PathVariable String action, @RequestParam(required = false) String reason,
                      @RequestParam(required = false) String signed, @RequestParam(required = false) String creditCode,
                      HttpServletRequest request, HttpServletResponse response, Model model) {
        long projectId = Params.requiredId("id", id);
        InvestmentWorkflow.Action a = Params.choice("action", action, InvestmentWorkflow.Action.class);
        return handle(response, model, () -> {
            projects.act(user, projectId, a, new Projects.StepRequest(reason, amount("signed", signed), creditCode), request.getRemoteAddr());
            return "redirect:/investment/" + projectId;
        }, () -> detail(user, id, model));
    }

    /** Edits the project's description; a bad field shows the form again with the error naming the field (400). */
    @PostMapping("/investment/{id}/edit")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String edit(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String field, @RequestParam(required = false) String source,
                       @RequestParam(required = false) String planned, @RequestParam(required = false) String town,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        long projectId = Params.requiredId("id", id);
        ProjectEdits.Input in = new ProjectEdits.Input(name, field, source, planned, town);
        try {
            edits.update(user, projectId, in, request.getRemoteAddr());
            return "redirect:/investment/" + projectId + "?saved";
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("formError", e);
            model.addAttribute("form", in);
            return detail(user, id, model);
        }
    }

    @PostMapping("/investment/{id}/delete")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String delete(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        edits.delete(user, Params.requiredId("id", id), request.getRemoteAddr());
        return "redirect:/investment?deleted";
    }

    /** An amount in 万元 as typed (at most four decimals, above 0 and below 1 万亿元), in yuan; null when empty. */
    static BigDecimal amount(String name, String wan) {
        if (wan == null || wan.isBlank()) return null;
        BigDecimal d;
        try {
            d = new BigDecimal(wan.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, wan, "须为金额（万元）", "must be an amount in 10k yuan");
        }
        if (d.signum() <= 0 || d.compareTo(new BigDecimal("100000000")) > 0 || Math.max(d.stripTrailingZeros().scale(), 0) > 4) {
            throw new BadParameterException(name, wan, "须大于 0、不超过 1 万亿元，至多四位小数（万元）", "must be above 0, at most 10^12 yuan, four decimals (10k yuan)");
        }
        return d.multiply(WAN);
    }

    private String handle(HttpServletResponse response, Model model, Supplier<String> change, Supplier<String> page) {
        try {
            return change.get();
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        } catch (InvestmentRefusedException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        }
        return page.get();
    }

    /** A project that does not exist or lies outside the caller's scope: the same 404 either way. */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    static NotFoundException notFound() {
        return new NotFoundException("没有这个招商项目，或它不在您的数据范围内", "no such investment project in your data scope");
    }
}
