package org.innoladder.review.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.review.domain.DossierStatus;
import org.innoladder.review.domain.DossierWorkflow;
import org.innoladder.review.internal.HnteDossiers;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * HNTE application review pages (高企申报三级审查): the dossiers in the reader's scope with the count per level and
 * predicted outcome, Excel, one dossier with the ruleset's result beside it and the steps the reader may take, and the
 * enterprise's submission form.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE','EXPERT')")
public class HntePageController {
    static final int LIMIT = 500;

    private final HnteDossiers dossiers;

    HntePageController(HnteDossiers dossiers) {
        this.dossiers = dossiers;
    }

    @GetMapping("/hnte")
    public String list(CurrentUser user, @RequestParam(required = false) String year, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String region, @RequestParam(required = false) String pool,
                       @RequestParam(required = false) String predicted, Model model) {
        HnteDossiers.Filter filter = HnteFilters.parse(user, year, status, region, pool, predicted);
        int shown = filter.year() == null ? java.time.LocalDate.now().getYear() - 1 : filter.year();
        model.addAttribute("rows", dossiers.list(user, filter, LIMIT));
        model.addAttribute("progress", dossiers.progress(user, shown));
        model.addAttribute("progressYear", shown);
        model.addAttribute("year", filter.year());
        model.addAttribute("status", filter.status());
        model.addAttribute("filter", filter);
        model.addAttribute("region", region == null || region.isBlank() ? null : region.strip());
        model.addAttribute("statuses", DossierStatus.values());
        return "review/hnte";
    }

    @GetMapping("/hnte/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String year, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String region, @RequestParam(required = false) String pool,
                       @RequestParam(required = false) String predicted, Locale locale, HttpServletResponse response) throws IOException {
        HnteDossiers.Filter filter = HnteFilters.parse(user, year, status, region, pool, predicted);
        boolean en = "en".equals(locale.getLanguage());
        List<String> headers = en ? List.of("Dossier", "Credit code", "Enterprise", "Region code", "Year", "Level", "Status", "Agency",
                "Ruleset outcome", "Score (min)", "Score (max)", "Experts' mean", "Predicted", "Review")
                : List.of("申报编号", "统一社会信用代码", "企业名称", "区划代码", "年度", "所处层级", "状态", "中介机构", "规则评估结果", "最低分", "最高分",
                "专家均分", "预计结果", "专家评审编号");
        try (XlsxTable t = XlsxTable.download(response, en ? "hnte-dossiers.xlsx" : "高企申报审查.xlsx", en ? "HNTE dossiers" : "高企申报审查", headers).in(locale)) {
            for (HnteDossiers.Row r : dossiers.list(user, filter, 100_000)) {
                t.row(r.id(), r.creditCode(), r.enterprise(), r.regionCode(), r.year(), en ? r.status().levelEn() : r.status().levelZh(),
                        en ? r.status().en() : r.status().zh(), r.agency(), r.rulesetOutcome(), r.scoreMin(), r.scoreMax(), r.expertMean(),
                        en ? r.predictedEn() : r.predicted(), r.reviewCaseId());
            }
        }
    }

    @GetMapping("/hnte/{id}")
    public String view(CurrentUser user, @PathVariable long id, Model model) {
        HnteDossiers.Row row = dossiers.get(user, id);
        model.addAttribute("d", row);
        model.addAttribute("history", dossiers.history(user, id));
        model.addAttribute("provenance", dossiers.provenance(user, row.enterpriseId(), row.year()).orElse(null));
        model.addAttribute("canTown", row.status() == DossierStatus.SUBMITTED && (user.role() == Role.TOWN || user.role() == Role.BUREAU));
        model.addAttribute("canCity", row.status() == DossierStatus.TOWN_CHECKED && user.role() == Role.BUREAU);
        return "review/dossier";
    }

    @PostMapping("/hnte/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('BUREAU','TOWN')")
    public String act(CurrentUser user, @PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reason,
                      HttpServletRequest request, HttpServletResponse response, Model model) {
        return ReviewPageController.handle(id, response, model, () -> {
            DossierWorkflow.Action a = Params.choice("action", action, DossierWorkflow.Action.class);
            dossiers.act(user, id, a, reason, request.getRemoteAddr());
            return "redirect:/hnte/" + id;
        }, () -> view(user, id, model));
    }

    @PostMapping("/hnte")
    @PreAuthorize("hasAnyRole('ENTERPRISE','TOWN','BUREAU')")
    public String submit(CurrentUser user, @RequestParam(required = false) String enterpriseId, @RequestParam(required = false) String year,
                         @RequestParam(required = false) String agencyName, @RequestParam(required = false) String ipList,
                         @RequestParam(required = false) String rdProjects, @RequestParam(required = false) String evidence,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        return ReviewPageController.handle(0, response, model, () -> {
            long enterprise = user.role() == Role.ENTERPRISE && (enterpriseId == null || enterpriseId.isBlank()) && user.enterpriseId() != null
                    ? user.enterpriseId() : Params.requiredId("enterpriseId", enterpriseId);
            long id = dossiers.submit(user, enterprise, Params.year("year", year), new HnteDossiers.Submission(agencyName, ipList, rdProjects, evidence),
                    request.getRemoteAddr());
            return "redirect:/hnte/" + id;
        }, () -> list(user, null, null, null, null, null, model));
    }

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** A refusal outside a form (a page that cannot be shown to this user now): 409 with the error page. */
    @ExceptionHandler(org.innoladder.review.internal.ReviewRefusedException.class)
    void refused(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_CONFLICT);
    }
}
