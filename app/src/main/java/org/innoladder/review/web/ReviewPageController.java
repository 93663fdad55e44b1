package org.innoladder.review.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.domain.ReviewStatus;
import org.innoladder.review.internal.ExpertPool;
import org.innoladder.review.internal.ReviewCases;
import org.innoladder.review.internal.ReviewRefusedException;
import org.innoladder.web.BadParameterException;
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
 * Review pages: an expert's assignments (我的评审), the officers' review list with Excel, one review with the form,
 * the proposal and the actions the reader may take, and the expert pool. A broken rule shows the page again with
 * the reason (400 for a bad field, 409 for a refused step).
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','EXPERT')")
public class ReviewPageController {
    static final int LIMIT = 500;

    private final ReviewCases reviews;
    private final ExpertPool pool;

    ReviewPageController(ReviewCases reviews, ExpertPool pool) {
        this.reviews = reviews;
        this.pool = pool;
    }

    @GetMapping("/reviews/mine")
    @PreAuthorize("hasRole('EXPERT')")
    public String mine(CurrentUser user, Model model) {
        model.addAttribute("rows", reviews.list(user, null, null, LIMIT));
        return "review/mine";
    }

    @GetMapping("/reviews")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public String list(CurrentUser user, @RequestParam(required = false) String kind, @RequestParam(required = false) String status, Model model) {
        String k = kind(kind);
        ReviewStatus s = status == null || status.isBlank() ? null : Params.choice("status", status, ReviewStatus.class);
        model.addAttribute("rows", reviews.list(user, k, s, LIMIT));
        model.addAttribute("kind", k);
        model.addAttribute("status", s);
        model.addAttribute("statuses", ReviewStatus.values());
        return "review/cases";
    }

    static String kind(String kind) {
        if (kind == null || kind.isBlank()) return null;
        String k = kind.strip().toUpperCase(Locale.ROOT);
        if (!k.equals("HNTE") && !k.equals("CHALLENGE")) throw Params.notOneOf("kind", kind, new Object[] {"HNTE", "CHALLENGE"});
        return k;
    }

    @GetMapping("/reviews/export.xlsx")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','EXPERT')")
    public void export(CurrentUser user, @RequestParam(required = false) String kind, @RequestParam(required = false) String status,
                       Locale locale, HttpServletResponse response) throws IOException {
        String k = kind(kind);
        ReviewStatus s = status == null || status.isBlank() ? null : Params.choice("status", status, ReviewStatus.class);
        boolean en = "en".equals(locale.getLanguage());
        List<String> headers = en ? List.of("Review", "Kind", "Subject", "Applicant", "Region code", "Year", "Status", "Experts", "Submitted",
                "Mean", "Passes") : List.of("评审编号", "类别", "评审事项", "申报单位", "区划代码", "年度", "状态", "专家数", "已提交", "平均分", "是否通过");
        try (XlsxTable t = XlsxTable.download(response, en ? "reviews.xlsx" : "专家评审.xlsx", en ? "Reviews" : "专家评审", headers).in(locale)) {
            for (ReviewCases.ListRow r : reviews.list(user, k, s, 100_000)) {
                t.row(r.id(), en ? r.kind() : ("HNTE".equals(r.kind()) ? "高企申报评审" : "揭榜挂帅评审"), r.title(), r.applicant(), r.regionCode(),
                        r.year(), en ? r.status().en() : r.status().zh(), r.experts(), r.submitted(), r.mean(), r.passes());
            }
        }
    }

    @GetMapping("/reviews/{id}")
    public String view(CurrentUser user, @PathVariable long id, Model model) {
        ReviewCases.CaseView v = reviews.view(user, id);
        model.addAttribute("v", v);
        if (user.role() == Role.BUREAU && v.actions().contains(ReviewAction.ASSIGN)) {
            model.addAttribute("proposal", reviews.propose(user, id));
        }
        return "review/case";
    }

    @PostMapping("/reviews/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('BUREAU','EXPERT')")
    public String act(CurrentUser user, @PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reason,
                      @RequestParam(name = "experts", required = false) List<String> experts,
                      @RequestParam(required = false) String assignmentId, @RequestParam Map<String, String> form,
                      HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(id, response, model, () -> {
            ReviewAction a = Params.choice("action", action, ReviewAction.class);
            reviews.act(user, id, a, new ReviewCases.ActRequest(reason, ids("experts", experts), scores(form), comments(form),
                    Params.id("assignmentId", assignmentId)), request.getRemoteAddr());
            return "redirect:/reviews/" + id;
        }, () -> view(user, id, model));
    }

    static List<Long> ids(String name, List<String> values) {
        if (values == null) return null;
        List<Long> out = new ArrayList<>();
        for (String v : values) out.add(Params.requiredId(name, v));
        return out;
    }


    /** Scores come as {@code score.<criterion>} fields: whole numbers, named in the error when they are not. */
    static Map<String, Integer> scores(Map<String, String> form) {
        Map<String, Integer> out = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("score.") && k.length() <= 60) out.put(k.substring(6), Params.integer(k, v, 0, 1000));
        });
        return out.isEmpty() ? null : out;
    }

    static Map<String, String> comments(Map<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("comment.") && k.length() <= 60 && v != null && !v.isBlank()) out.put(k.substring(8), v);
        });
        return out;
    }

    @GetMapping("/experts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public String experts(CurrentUser user, @RequestParam(required = false) String field, Model model) {
        String f = field == null || field.isBlank() ? null : ExpertPoolFields.check(field);
        model.addAttribute("experts", pool.list(user, f));
        model.addAttribute("field", f);
        return "review/experts";
    }

    @GetMapping("/experts/export.xlsx")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public void exportExperts(CurrentUser user, Locale locale, HttpServletResponse response) throws IOException {
        boolean en = "en".equals(locale.getLanguage());
        List<String> headers = en ? List.of("Expert", "Name", "Organisation", "Organisation credit code", "Title", "Fields", "Available",
                "Open assignments", "Workload limit", "Declared conflicts") : List.of("专家编号", "姓名", "工作单位", "单位统一社会信用代码", "职称",
                "专业领域", "是否可参加评审", "在审任务", "任务上限", "申报的利益冲突");
        try (XlsxTable t = XlsxTable.download(response, en ? "experts.xlsx" : "专家库.xlsx", en ? "Experts" : "专家库", headers).in(locale)) {
            pool.each(user, e -> t.row(e.id(), e.name(), e.organisation(), e.organisationCreditCode(), e.title(), String.join("、", e.fields()),
                    e.available(), e.workload(), e.maxWorkload(), String.join("、", e.declaredConflicts())));
        }
    }

    @PostMapping("/experts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String addExpert(CurrentUser user, @RequestParam(required = false) String name, @RequestParam(required = false) String organisation,
                            @RequestParam(required = false) String organisationCreditCode, @RequestParam(required = false) String title,
                            @RequestParam(required = false) String fields, @RequestParam(required = false) String maxWorkload,
                            @RequestParam(required = false) String regionCode, HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(0, response, model, () -> {
            List<String> f = fields == null ? List.of() : List.of(fields.split("[,，、\\s]+"));
            pool.create(user, new ExpertPool.NewExpert(null, name, organisation, organisationCreditCode, title, f, true,
                    maxWorkload == null || maxWorkload.isBlank() ? null : Params.integer("maxWorkload", maxWorkload, 0, 100),
                    regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode), request.getRemoteAddr());
            return "redirect:/experts";
        }, () -> experts(user, null, model));
    }

    @PostMapping("/experts/{id}/conflicts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','EXPERT')")
    public String declare(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String creditCode,
                          @RequestParam(required = false) String note, HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(0, response, model, () -> {
            pool.declareConflict(user, id, creditCode, note, request.getRemoteAddr());
            return user.role() == Role.EXPERT ? "redirect:/reviews/mine" : "redirect:/experts";
        }, () -> user.role() == Role.EXPERT ? mine(user, model) : experts(user, null, model));
    }

    /** Runs a change; a bad field answers 400 and a refused step 409, both on the page with the reason. */
    static String handle(long id, HttpServletResponse response, Model model, Supplier<String> change, Supplier<String> page) {
        try {
            return change.get();
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        } catch (ReviewRefusedException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        }
        return page.get();
    }

    /** Outside the scope, not assigned, or absent: the same 404, never a hint. */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** A refusal outside a form (a page that cannot be shown to this user now): 409 with the error page. */
    @ExceptionHandler(ReviewRefusedException.class)
    void refused(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_CONFLICT);
    }
}
