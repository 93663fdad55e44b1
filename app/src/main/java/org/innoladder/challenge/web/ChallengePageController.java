package org.innoladder.challenge.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.challenge.domain.ChallengeStatus;
import org.innoladder.challenge.domain.ChallengeWorkflow;
import org.innoladder.challenge.internal.ChallengeRefusedException;
import org.innoladder.challenge.internal.Challenges;
import org.innoladder.challenge.internal.Solvers;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
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
 * Signed-in challenge pages: the officers' list with Excel and the need form, one challenge with its applications,
 * milestones and the steps the reader may take, the solvers to check, and a solver's own applications.
 */
@Controller
@PreAuthorize("isAuthenticated()")
public class ChallengePageController {
    static final int LIMIT = 500;

    private final Challenges challenges;
    private final Solvers solvers;

    ChallengePageController(Challenges challenges, Solvers solvers) {
        this.challenges = challenges;
        this.solvers = solvers;
    }

    @GetMapping("/challenges")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public String list(CurrentUser user, @RequestParam(required = false) String status, Model model) {
        ChallengeStatus s = ChallengePublicController.status(status);
        model.addAttribute("rows", challenges.list(user, s, LIMIT));
        model.addAttribute("status", s);
        model.addAttribute("statuses", ChallengeStatus.values());
        model.addAttribute("contracted", challenges.contractedCount(user.role() == Role.ADMIN ? "" : user.regionCode()));
        return "challenge/list";
    }

    @GetMapping("/challenges/export.xlsx")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public void export(CurrentUser user, @RequestParam(required = false) String status, Locale locale, HttpServletResponse response) throws IOException {
        // parsed before the spreadsheet starts: a bad filter is a 400 page, not a broken download
        ChallengeStatus s = ChallengePublicController.status(status);
        boolean en = "en".equals(locale.getLanguage());
        List<String> headers = en ? List.of("Challenge", "Title", "Field", "Region code", "Issuer", "Funding (yuan)", "Deadline", "Status", "Applications")
                : List.of("榜单编号", "榜单名称", "领域", "区划代码", "发榜方", "经费（元）", "揭榜截止日期", "状态", "揭榜申请数");
        try (XlsxTable t = XlsxTable.download(response, en ? "challenges.xlsx" : "揭榜挂帅.xlsx", en ? "Challenges" : "揭榜挂帅", headers).in(locale)) {
            for (Challenges.BoardRow r : challenges.list(user, s, 100_000)) {
                t.row(r.id(), r.title(), r.field(), r.regionCode(), r.issuer(), r.funding(), r.deadline(), en ? r.status().en() : r.status().zh(),
                        r.applications());
            }
        }
    }

    @GetMapping("/challenges/{id}")
    public String detail(CurrentUser user, @PathVariable long id, Model model) {
        Challenges.Detail d = challenges.detail(user, id);
        model.addAttribute("c", d);
        model.addAttribute("apps", challenges.applications(user, id));
        model.addAttribute("milestones", challenges.milestones(user, id));
        model.addAttribute("officer", user.role() == Role.BUREAU && d.regionCode().startsWith(user.regionCode()));
        model.addAttribute("actions", ChallengeWorkflow.Action.values());
        return "challenge/detail";
    }

    @PostMapping("/challenges/{id}/act/{action}")
    @PreAuthorize("hasRole('BUREAU')")
    public String act(CurrentUser user, @PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reason,
                      @RequestParam(required = false) String winnerApplicationId, @RequestParam(required = false) String price,
                      @RequestParam(name = "milestoneTitle", required = false) List<String> titles,
                      @RequestParam(name = "milestoneDue", required = false) List<String> dues,
                      @RequestParam(name = "milestoneIssuer", required = false) List<String> issuers,
                      @RequestParam(name = "milestoneGovernment", required = false) List<String> governments,
                      HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            ChallengeWorkflow.Action a = Params.choice("action", action, ChallengeWorkflow.Action.class);
            challenges.act(user, id, a, new Challenges.ActRequest(reason, Params.id("winnerApplicationId", winnerApplicationId),
                    price == null || price.isBlank() ? null : money("price", price), milestones(titles, dues, issuers, governments)),
                    request.getRemoteAddr());
            return "redirect:/challenges/" + id;
        }, () -> detail(user, id, model));
    }

    static List<Challenges.MilestonePlan> milestones(List<String> titles, List<String> dues, List<String> issuers, List<String> governments) {
        if (titles == null || titles.isEmpty()) return null;
        List<Challenges.MilestonePlan> out = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            if (titles.get(i) == null || titles.get(i).isBlank()) continue;
            out.add(new Challenges.MilestonePlan(titles.get(i), date("milestoneDue", at(dues, i)), money("milestoneIssuer", at(issuers, i)),
                    money("milestoneGovernment", at(governments, i))));
        }
        return out.isEmpty() ? null : out;
    }

    private static String at(List<String> l, int i) {
        return l == null || i >= l.size() ? null : l.get(i);
    }

    static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, value, "须为日期（yyyy-MM-dd）", "must be a date (yyyy-MM-dd)");
        }
    }

    static BigDecimal money(String name, String value) {
        try {
            BigDecimal v = new BigDecimal(value == null ? "" : value.strip().replace(",", ""));
            if (v.signum() < 0 || v.scale() > 2 || v.compareTo(new BigDecimal("1000000000000")) >= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadParameterException(name, value, "须为 0 至 1 万亿元之间、最多两位小数的金额（元）", "an amount in yuan from 0 below 10^12 with at most 2 decimals");
        }
    }

    @PostMapping("/challenges")
    @PreAuthorize("hasAnyRole('BUREAU','ENTERPRISE')")
    public String need(CurrentUser user, @RequestParam(required = false) String title, @RequestParam(required = false) String problem,
                       @RequestParam(required = false) String indicators, @RequestParam(required = false) String field,
                       @RequestParam(required = false) String regionCode, @RequestParam(required = false) String issuerName,
                       @RequestParam(required = false) String issuerFunding, @RequestParam(required = false) String governmentFunding,
                       @RequestParam(required = false) String deadline, HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            long id = challenges.collectNeed(user, new Challenges.Need(title, problem, indicators, field, regionCode, issuerName, null,
                    money("issuerFunding", issuerFunding), money("governmentFunding", governmentFunding), date("deadline", deadline)),
                    request.getRemoteAddr());
            return user.role() == Role.BUREAU ? "redirect:/challenges/" + id : "redirect:/challenges/board";
        }, () -> user.role() == Role.BUREAU ? list(user, null, model) : "challenge/need");
    }

    @GetMapping("/challenges/need")
    @PreAuthorize("hasAnyRole('BUREAU','ENTERPRISE')")
    public String needForm() {
        return "challenge/need";
    }

    @PostMapping("/challenges/{id}/apply")
    @PreAuthorize("hasRole('SOLVER')")
    public String apply(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String team,
                        @RequestParam(required = false) String plan, @RequestParam(required = false) String milestones,
                        @RequestParam(required = false) String price, HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            challenges.apply(user, id, new Challenges.Application(team, plan, milestones, money("price", price)), request.getRemoteAddr());
            return "redirect:/challenges/applications";
        }, () -> detail(user, id, model));
    }

    @PostMapping("/challenges/applications/{id}/formal")
    @PreAuthorize("hasRole('BUREAU')")
    public String formal(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String passed,
                         @RequestParam(required = false) String note, @RequestParam(required = false) String challengeId,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        long back = challengeId == null || challengeId.isBlank() ? 0 : Params.id("challengeId", challengeId);
        return handle(response, model, () -> {
            challenges.formalCheck(user, id, "true".equals(passed), note, request.getRemoteAddr());
            return back > 0 ? "redirect:/challenges/" + back : "redirect:/challenges";
        }, () -> back > 0 ? detail(user, back, model) : list(user, null, model));
    }

    @PostMapping("/challenges/{id}/objections")
    public String object(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String content,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            challenges.object(user, id, content, request.getRemoteAddr());
            return "redirect:/challenges/board/" + id;
        }, () -> "redirect:/challenges/board/" + id);
    }

    @PostMapping("/challenges/objections/{id}/resolve")
    @PreAuthorize("hasRole('BUREAU')")
    public String resolve(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String resolution,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            challenges.resolveObjection(user, id, resolution, request.getRemoteAddr());
            return "redirect:/challenges";
        }, () -> list(user, null, model));
    }

    @PostMapping("/challenges/milestones/{id}/report")
    @PreAuthorize("hasRole('SOLVER')")
    public String report(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String report,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            challenges.reportMilestone(user, id, report, request.getRemoteAddr());
            return "redirect:/challenges/applications";
        }, () -> mine(user, model));
    }

    @PostMapping("/challenges/milestones/{id}/accept")
    @PreAuthorize("hasRole('EXPERT')")
    public String acceptMilestone(CurrentUser user, @PathVariable long id, HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            challenges.acceptMilestone(user, id, request.getRemoteAddr());
            return "redirect:/reviews/mine";
        }, () -> "redirect:/reviews/mine");
    }

    @GetMapping("/challenges/applications")
    @PreAuthorize("hasRole('SOLVER')")
    public String mine(CurrentUser user, Model model) {
        model.addAttribute("rows", challenges.mine(user));
        return "challenge/mine";
    }

    @GetMapping("/solvers")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public String solverList(CurrentUser user, Model model) {
        model.addAttribute("solvers", solvers.list(user));
        return "challenge/solvers";
    }

    @GetMapping("/solvers/export.xlsx")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public void exportSolvers(CurrentUser user, Locale locale, HttpServletResponse response) throws IOException {
        boolean en = "en".equals(locale.getLanguage());
        List<String> headers = en ? List.of("Solver", "Credit code", "Name", "Kind", "Contact", "Phone", "Status", "Registered")
                : List.of("编号", "统一社会信用代码", "单位名称", "类别", "联系人", "联系电话", "状态", "注册时间");
        try (XlsxTable t = XlsxTable.download(response, en ? "solvers.xlsx" : "揭榜单位.xlsx", en ? "Solvers" : "揭榜单位", headers).in(locale)) {
            for (Solvers.Solver s : solvers.list(user)) {
                t.row(s.id(), s.creditCode(), s.name(), s.kind(), s.contactName(), s.contactPhone(), s.status(), s.createdAt());
            }
        }
    }

    @PostMapping("/solvers/{id}/check")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String check(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String activate,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        return handle(response, model, () -> {
            solvers.check(user, id, "true".equals(activate), request.getRemoteAddr());
            return "redirect:/solvers";
        }, () -> solverList(user, model));
    }

    static String handle(HttpServletResponse response, Model model, Supplier<String> change, Supplier<String> page) {
        try {
            return change.get();
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        } catch (ChallengeRefusedException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
        }
        return page.get();
    }

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** A refusal outside a form (a page that cannot be shown to this user now): 409 with the error page. */
    @ExceptionHandler(ChallengeRefusedException.class)
    void refused(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_CONFLICT);
    }
}
