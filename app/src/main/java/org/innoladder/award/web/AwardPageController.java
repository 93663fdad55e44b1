package org.innoladder.award.web;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.domain.AwardStatus;
import org.innoladder.award.internal.AwardQueries;
import org.innoladder.award.internal.AwardRefusedException;
import org.innoladder.award.internal.AwardService;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.innoladder.web.XlsxTable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages of award cases: the bureau's and town's case list (兑现审核) with filters, counts, bulk approval and Excel;
 * one case with its history and the actions the user may take; the budget view; the enterprise's "my policies"
 * (我的政策) with confirmation, application and withdrawal. A rule broken shows the page again with the reason.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE')")
public class AwardPageController {
    static final int PAGE_SIZE = 50;

    private final AwardService awards;
    private final AwardQueries queries;

    public AwardPageController(AwardService awards, AwardQueries queries) {
        this.awards = awards;
        this.queries = queries;
    }

    @GetMapping("/awards")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    public String cases(CurrentUser user, @RequestParam(required = false) String status, @RequestParam(required = false) String town,
                        @RequestParam(required = false) String minAge, @RequestParam(required = false) String overdue,
                        @RequestParam(required = false) String policy, @RequestParam(required = false) String period,
                        @RequestParam(defaultValue = "1") int page, Model model) {
        AwardQueries.Filter f = AwardQueries.Filter.of(status, town, minAge, overdue, policy, period);
        model.addAttribute("filter", f);
        AwardQueries.ListWithCounts listed = queries.listWithCounts(user, f, Math.max(1, page), PAGE_SIZE);
        model.addAttribute("result", listed.page());
        model.addAttribute("counts", listed.counts());
        model.addAttribute("towns", queries.towns(user));
        model.addAttribute("statuses", AwardStatus.values());
        model.addAttribute("canBulkApprove", user.role() == Role.BUREAU);
        return "award/cases";
    }

    @PostMapping("/awards/bulk-approve")
    @PreAuthorize("hasRole('BUREAU')")
    public String bulk(CurrentUser user, @RequestParam(name = "ids", required = false) List<Long> ids,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            model.addAttribute("bulk", awards.approveAll(user, Params.ids("ids", ids), request.getRemoteAddr()));
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        }
        return cases(user, null, null, null, null, null, null, 1, model);
    }

    @GetMapping("/awards/export.xlsx")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    public void export(CurrentUser user, @RequestParam(required = false) String status, @RequestParam(required = false) String town,
                       @RequestParam(required = false) String minAge, @RequestParam(required = false) String overdue,
                       @RequestParam(required = false) String policy, @RequestParam(required = false) String period,
                       Locale locale, HttpServletResponse response) throws IOException {
        AwardQueries.Filter f = AwardQueries.Filter.of(status, town, minAge, overdue, policy, period);
        boolean en = "en".equals(locale.getLanguage());
        List<String> headers = en
                ? List.of("Case", "Policy code", "Policy", "Credit code", "Enterprise", "Town", "Period", "Amount (yuan)",
                        "Status", "Days in step", "Deadline (days)", "Overdue")
                : List.of("案件编号", "政策代码", "政策名称", "统一社会信用代码", "企业名称", "镇（街道）", "年度", "金额（元）",
                        "状态", "本环节天数", "环节时限（天）", "是否逾期");
        try (XlsxTable t = XlsxTable.download(response, en ? "award-cases.xlsx" : "兑现案件.xlsx", en ? "Award cases" : "兑现案件", headers).in(locale)) {
            queries.each(user, f, l -> t.row(l.id(), l.policyCode(), en && l.policyTitleEn() != null ? l.policyTitleEn() : l.policyTitleZh(),
                    l.creditCode(), l.enterpriseName(), l.townName(), l.period(), l.amount(), en ? l.status().en() : l.status().zh(),
                    l.ageDays(), l.deadlineDays(), l.overdue()));
        }
    }

    @GetMapping("/awards/budgets")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    public String budgets(CurrentUser user, Model model) {
        model.addAttribute("budgets", queries.budgets(user));
        return "award/budgets";
    }

    @GetMapping("/awards/cases/{id}")
    public String detail(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("c", queries.detail(user, id));
        return "award/case";
    }

    @PostMapping("/awards/cases/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('BUREAU','TOWN','ENTERPRISE')")
    public String act(CurrentUser user, @PathVariable long id, @PathVariable String action,
                      @RequestParam(required = false) String reason, @RequestParam(required = false) String paymentReference,
                      @RequestParam(required = false) String accountName, @RequestParam(required = false) String accountBank,
                      @RequestParam(required = false) String accountNumber, @RequestParam(required = false) String back,
                      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AwardAction a = AwardAction.parse(action);
        boolean toMine = "mine".equals(back) && user.role() == Role.ENTERPRISE;
        return write(user, id, toMine, response, model, redirect, a, () -> {
            if (a == null) throw new NotFoundException("没有操作 " + action, "no action " + action);
            return awards.act(user, id, a, new AwardService.ActRequest(reason, paymentReference, accountName, accountBank,
                    accountNumber), request.getRemoteAddr());
        });
    }

    @PostMapping("/awards/cases/{id}/objections")
    @PreAuthorize("hasAnyRole('BUREAU','TOWN')")
    public String object(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String content,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        return write(user, id, false, response, model, null, null, () -> awards.lodgeObjection(user, id, content, request.getRemoteAddr()));
    }

    @PostMapping("/awards/cases/{id}/objections/{objectionId}/resolve")
    @PreAuthorize("hasRole('BUREAU')")
    public String resolve(CurrentUser user, @PathVariable long id, @PathVariable long objectionId,
                          @RequestParam(required = false) String resolution, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        return write(user, id, false, response, model, null, null, () -> {
            awards.resolveObjection(user, id, objectionId, resolution, request.getRemoteAddr());
            return null;
        });
    }

    @GetMapping("/awards/cases/{id}/material")
    public void material(CurrentUser user, @PathVariable long id, HttpServletResponse response) throws IOException {
        AwardService.Material m = queries.material(user, id)
                .orElseThrow(() -> new NotFoundException("该案件没有附件", "the case has no file"));
        response.setContentType(m.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(m.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString());
        response.getOutputStream().write(m.content());
    }

    @GetMapping("/awards/mine")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String mine(CurrentUser user, Model model) {
        model.addAttribute("mine", queries.mine(user));
        return "award/mine";
    }

    @PostMapping("/awards/apply")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String apply(CurrentUser user, @RequestParam(required = false) String policyId,
                        @RequestParam(required = false) String period, @RequestParam(required = false) String requestedAmount,
                        @RequestParam(required = false) String materials, @RequestParam(required = false) String accountName,
                        @RequestParam(required = false) String accountBank, @RequestParam(required = false) String accountNumber,
                        @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
                        HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return write(user, 0, true, response, model, redirect, null, () -> {
            Long policy = AwardQueries.longOrNull("policyId", policyId);
            if (policy == null) throw new BadParameterException("policyId", "", "不能为空", "is required");
            AwardService.Material m;
            try {
                m = file == null || file.isEmpty() ? null
                        : new AwardService.Material(file.getOriginalFilename() == null ? "materials" : file.getOriginalFilename(),
                        file.getContentType() == null ? "application/octet-stream" : file.getContentType(), file.getBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return awards.apply(user, policy, AwardQueries.intOrNull("period", period, 1990, 2100), requestedAmount, materials,
                    accountName, accountBank, accountNumber, m, request.getRemoteAddr());
        });
    }

    /**
     * Runs a change; on success back to the case (or to my policies when {@code toMine}), on a rule broken the same
     * page again with the reason (400 for bad input naming the field, 409 for a workflow refusal).
     */
    private String write(CurrentUser user, long id, boolean toMine, HttpServletResponse response, Model model,
                         RedirectAttributes redirect, AwardAction action, Supplier<?> change) {
        try {
            Object result = change.get();
            if (redirect != null) {
                // the message at the top of the next page: what happened, who acts next, by when
                long caseId = result instanceof Long applied ? applied : id;
                AwardQueries.CaseDetail after = queries.detail(user, caseId);
                redirect.addFlashAttribute(org.innoladder.web.NextStep.ATTRIBUTE,
                        AwardNextStep.after(action, after.line(), after.publicityEndsOn(), java.time.LocalDate.now()));
            }
            return toMine ? "redirect:/awards/mine" : "redirect:/awards/cases/" + id;
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
            model.addAttribute("errorField", e.parameter());
        } catch (AwardRefusedException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        }
        if (toMine) return mine(user, model);
        return detail(user, id, model);
    }

    /** Outside the scope or absent: the same 404, never a hint. */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
