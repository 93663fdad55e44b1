package org.innoladder.credit.web;

import java.math.BigDecimal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.credit.domain.LoanAction;
import org.innoladder.credit.internal.Consents;
import org.innoladder.credit.internal.CreditRefusedException;
import org.innoladder.credit.internal.Loans;
import org.innoladder.credit.internal.Products;
import org.innoladder.credit.internal.WhiteLists;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.NextStep;
import org.innoladder.web.Params;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 我的融资 — the enterprise's credit page, phone first (the seeds' 小程序): its points and what raises them, its
 * consents to banks, the products it matches or nearly matches, its applications and loans. Also the loan page every
 * role with the loan in scope opens, with the steps that role may take.
 */
@Controller
public class CreditPageController {
    private final Consents consents;
    private final Products products;
    private final Loans loans;
    private final WriteScope writeScope;
    private final WhiteLists whiteLists;

    public CreditPageController(Consents consents, Products products, Loans loans, WriteScope writeScope, WhiteLists whiteLists) {
        this.consents = consents;
        this.products = products;
        this.loans = loans;
        this.writeScope = writeScope;
        this.whiteLists = whiteLists;
    }

    @GetMapping("/credit/mine")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String mine(CurrentUser user, Model model) {
        WriteScope.Enterprise e = writeScope.requireEnterprise(user, user.enterpriseId());
        Products.Matching m = products.forEnterprise(user, e.id(), e.creditCode());
        model.addAttribute("matching", m);
        model.addAttribute("consents", consents.ofEnterprise(e.id()));
        model.addAttribute("banks", consents.banks());
        model.addAttribute("loans", loans.list(user, null, 1, 50).items());
        model.addAttribute("defaultUntil", java.time.LocalDate.now().plusYears(1));
        model.addAttribute("whiteList", whiteLists.membership(e.id()));
        model.addAttribute("recommend", whiteLists.recommendAllowed(e.id()));
        return "credit/mine";
    }

    /** The enterprise allows or stops its recommendation to partner banks (白名单推荐); revocable at any time. */
    @PostMapping("/credit/white-list/recommend")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String recommend(CurrentUser user, @RequestParam(required = false) String allowed, HttpServletRequest request) {
        boolean a = CreditParams.bool("allowed", allowed);
        whiteLists.recommend(user, a, request.getRemoteAddr());
        new NextStep(a ? "已同意：合作银行可看到贵企业在白名单中（仅名称、梯度和积分区间），并可发出预授信。您可随时撤回。"
                        : "已撤回：合作银行从下一次访问起不再看到贵企业的白名单推荐（已授权的银行除外）。",
                a ? "Allowed: partner banks see that you are on the white list (name, tier and points band only) and may offer a line. You may withdraw at any time."
                        : "Withdrawn: partner banks no longer see your white-list recommendation from their next request (except banks you consented to).").flash();
        return "redirect:/credit/mine#white-list";
    }

    @PostMapping("/credit/consents")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String grant(CurrentUser user, @RequestParam(required = false) String bankId,
                        @RequestParam(required = false) List<String> parts, @RequestParam(required = false) String purpose,
                        @RequestParam(required = false) String until, HttpServletRequest request) {
        long bank = Params.requiredId("bankId", bankId);
        consents.grant(user, bank, parts, purpose, CreditParams.date("until", until), request.getRemoteAddr());
        new NextStep("已授权。银行可在有效期内查看您选定的档案内容，您可随时撤销。",
                "Consent granted. The bank may see the parts you chose until the end date; you may revoke it at any time.").flash();
        return "redirect:/credit/mine#consents";
    }

    @PostMapping("/credit/consents/{id}/revoke")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String revoke(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        consents.revoke(user, Params.requiredId("id", id), request.getRemoteAddr());
        new NextStep("已撤销授权，银行从下一次访问起不能再查看。", "Consent revoked: the bank can no longer see your file from its next request.").flash();
        return "redirect:/credit/mine#consents";
    }

    @PostMapping("/credit/applications")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public String apply(CurrentUser user, @RequestParam(required = false) String productId,
                        @RequestParam(required = false) String amount, @RequestParam(required = false) String purpose,
                        HttpServletRequest request) {
        long product = Params.requiredId("productId", productId);
        long id = loans.apply(user, product, CreditParams.amount("amount", amount, true),
                CreditParams.limited("purpose", purpose, 500), request.getRemoteAddr());
        new NextStep("申请已提交，等待银行受理审查。", "Application submitted; the bank reviews it next.").flash();
        return "redirect:/credit/loans/" + id;
    }

    @GetMapping("/credit/loans/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE','BANK')")
    public String loan(CurrentUser user, @PathVariable String id, Model model) {
        Loans.Loan l = loans.get(user, Params.requiredId("id", id));
        model.addAttribute("loan", l);
        model.addAttribute("history", loans.history(l.id()));
        model.addAttribute("actions", loans.available(user, l));
        return "credit/loan";
    }

    @PostMapping("/credit/loans/{id}/act")
    @PreAuthorize("hasAnyRole('ENTERPRISE','BANK')")
    public String act(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String action,
                      @RequestParam(required = false) String amount, @RequestParam(required = false) String reason,
                      @RequestParam(required = false) String date, HttpServletRequest request) {
        long loanId = Params.requiredId("id", id);
        LoanAction a = Params.choice("action", action, LoanAction.class);
        if (a == null) throw Params.missing("action");
        BigDecimal amt = CreditParams.amount("amount", amount, false);
        Loans.Step s = loans.act(user, loanId, a, amt, CreditParams.limited("reason", reason, 1000),
                CreditParams.date("date", date), request.getRemoteAddr());
        new NextStep("已" + a.zh() + "：贷款由“" + s.from().zh() + "”变为“" + s.to().zh() + "”。",
                "Done (" + a.en() + "): the loan moved from " + s.from().en() + " to " + s.to().en() + ".").flash();
        return "redirect:/credit/loans/" + loanId;
    }

    /** A refused step: the reason on the page the user came from, nothing changed. */
    @ExceptionHandler(CreditRefusedException.class)
    public String refused(CreditRefusedException e, HttpServletRequest request) {
        CurrentUser user = org.innoladder.identity.CurrentUserArgumentResolver.current();
        new NextStep(e.messageZh(), e.messageEn(), true).flash();
        return "redirect:" + back(request.getRequestURI(), user);
    }

    static String back(String uri, CurrentUser user) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/credit/loans/(\\d{1,18})/act").matcher(uri);
        if (m.find()) return "/credit/loans/" + m.group(1);
        if (user == null) return "/";
        return switch (user.role()) {
            case ENTERPRISE -> "/credit/mine";
            case BANK -> "/credit/bank";
            default -> "/credit/bureau";
        };
    }


    /** Outside the scope or absent: the same 404, never a hint. */
    @ExceptionHandler(org.innoladder.web.NotFoundException.class)
    public void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(jakarta.servlet.http.HttpServletResponse.SC_NOT_FOUND);
    }
}
