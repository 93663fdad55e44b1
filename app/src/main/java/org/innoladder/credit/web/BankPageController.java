package org.innoladder.credit.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.credit.internal.ApiTokens;
import org.innoladder.credit.internal.Consents;
import org.innoladder.credit.internal.CreditFacts;
import org.innoladder.credit.internal.CreditRefusedException;
import org.innoladder.credit.internal.Loans;
import org.innoladder.credit.internal.Products;
import org.innoladder.credit.internal.RiskPools;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.web.NextStep;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 银行工作台 — the bank's pages: the enterprises that consented to it (with points and tier where granted),
 * applications to decide, its loan book, its claims, its products and its API tokens. Every view of an enterprise is
 * audited; only the parts the enterprise granted are read, each through a scope that asks for that part.
 */
@Controller
@PreAuthorize("hasRole('BANK')")
public class BankPageController {
    private final Consents consents;
    private final CreditFacts facts;
    private final Loans loans;
    private final Products products;
    private final RiskPools pools;
    private final ApiTokens tokens;
    private final JdbcClient jdbc;
    private final org.innoladder.credit.internal.LedgerUpload ledger;
    private final org.innoladder.credit.internal.WhiteLists whiteLists;

    public BankPageController(Consents consents, CreditFacts facts, Loans loans, Products products, RiskPools pools,
                              ApiTokens tokens, JdbcClient jdbc, org.innoladder.credit.internal.LedgerUpload ledger,
                              org.innoladder.credit.internal.WhiteLists whiteLists) {
        this.ledger = ledger;
        this.whiteLists = whiteLists;
        this.consents = consents;
        this.facts = facts;
        this.loans = loans;
        this.products = products;
        this.pools = pools;
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    @GetMapping("/credit/bank")
    public String home(CurrentUser user, @RequestParam(required = false) String status, @RequestParam(required = false) String page,
                       @RequestParam(required = false) String before, @RequestParam(required = false) String after,
                       Model model) {
        LoanStatus s = Params.choice("status", status, LoanStatus.class);
        model.addAttribute("consented", consents.consentedTo(user.bankId(), 50, 0));
        model.addAttribute("consentedCount", consents.countConsentedTo(user.bankId()));
        model.addAttribute("recommended", whiteLists.recommendedTo(user.bankId(), 50));
        model.addAttribute("recommendedCount", whiteLists.countRecommendedTo(user.bankId()));
        java.util.List<Loans.Loan> pending = new java.util.ArrayList<>(loans.list(user, LoanStatus.SUBMITTED, 1, 20).items());
        pending.addAll(loans.list(user, LoanStatus.UNDER_REVIEW, 1, 20).items());
        model.addAttribute("pending", pending);
        // keyset paging: "older than loan N" / "newer than loan N", so a deep page costs what the first does
        model.addAttribute("book", loans.book(user, s, Params.id("before", before), Params.id("after", after), Params.page(page), 50));
        model.addAttribute("status", s);
        model.addAttribute("statuses", LoanStatus.values());
        model.addAttribute("claims", pools.claims(user, null, 50));
        model.addAttribute("products", products.active(user.bankId()));
        model.addAttribute("ownProducts", products.ofBank(user.bankId()));
        model.addAttribute("tokens", tokens.ofBank(user));
        return "credit/bank";
    }

    @GetMapping("/credit/bank/enterprises/{id}")
    public String enterprise(CurrentUser user, @PathVariable String id, Model model, HttpServletRequest request) {
        long enterpriseId = Params.requiredId("id", id);
        Set<String> parts = consents.liveParts(user.bankId(), enterpriseId);
        if (parts.isEmpty()) {
            throw new NotFoundException("未找到企业 " + enterpriseId + "（或该企业未授权本行）",
                    "no enterprise " + enterpriseId + " (or it has not consented to your bank)");
        }
        DataScope any = DataScope.AuthorisedBank.anyConsent(user.bankId());
        record Ent(String code, String name, String region) {
        }
        DataScope.SqlFilter f = any.enterpriseFilter("e");
        Ent e = jdbc.sql("SELECT e.credit_code, e.name, e.region_code FROM enterprise e WHERE e.id = :id AND " + f.sql())
                .params(f.params()).param("id", enterpriseId)
                .query((rs, n) -> new Ent(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        DataScope points = parts.contains("POINTS") ? DataScope.AuthorisedBank.forPart(user.bankId(), "POINTS") : null;
        DataScope yearly = parts.contains("FACTS") ? DataScope.AuthorisedBank.forPart(user.bankId(), "FACTS") : null;
        DataScope tiers = parts.contains("RECOGNITIONS") ? DataScope.AuthorisedBank.forPart(user.bankId(), "RECOGNITIONS") : null;
        model.addAttribute("enterpriseId", enterpriseId);
        model.addAttribute("enterprise", e);
        model.addAttribute("parts", parts);
        model.addAttribute("facts", facts.of(points, yearly, tiers, enterpriseId, e.code()));
        model.addAttribute("products", products.active(user.bankId()));
        consents.audited(user, "view", e.code(), parts, request.getRemoteAddr());
        return "credit/bank-enterprise";
    }

    @PostMapping("/credit/bank/offers")
    public String offer(CurrentUser user, @RequestParam(required = false) String enterpriseId,
                        @RequestParam(required = false) String productId, @RequestParam(required = false) String amount,
                        HttpServletRequest request) {
        long e = Params.requiredId("enterpriseId", enterpriseId), p = Params.requiredId("productId", productId);
        long id = loans.offer(user, e, p, CreditParams.amount("amount", amount, true), request.getRemoteAddr());
        new NextStep("预授信已发出，等待企业接受。", "Offer sent; the enterprise accepts or declines it next.").flash();
        return "redirect:/credit/loans/" + id;
    }

    @PostMapping("/credit/bank/claims")
    public String claim(CurrentUser user, @RequestParam(required = false) String loanId,
                        @RequestParam(required = false) String lossTotal, @RequestParam(required = false) String evidence,
                        HttpServletRequest request) {
        long l = Params.requiredId("loanId", loanId);
        long id = pools.claim(user, l, CreditParams.amount("lossTotal", lossTotal, false), evidence, request.getRemoteAddr());
        RiskPools.Claim c = pools.claim(user, id);
        new NextStep("补偿申请已提交，按方案测算 " + c.amount().toPlainString() + " 元，等待科技局初审。",
                "Claim submitted: " + c.amount().toPlainString() + " yuan by the scheme; the bureau reviews it next.").flash();
        return "redirect:/credit/bank#claims";
    }

    /** The monthly ledger (台账): each row applied on its own, the bad ones listed with their reasons. */
    @PostMapping("/credit/bank/ledger")
    public String uploadLedger(CurrentUser user, @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
                               HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Model model)
            throws java.io.IOException {
        LedgerFiles.Result r = LedgerFiles.upload(ledger, user, file, request.getRemoteAddr());
        if (r.unreadable() != null) {
            response.setStatus(400);
            model.addAttribute("ledgerError", r.unreadable());
        } else {
            model.addAttribute("ledger", r.report());
        }
        return home(user, null, null, null, null, model);
    }

    @PostMapping("/credit/bank/tokens")
    public String createToken(CurrentUser user, @RequestParam(required = false) String name, HttpServletRequest request) {
        ApiTokens.Issued t = tokens.create(user, name, request.getRemoteAddr());
        new NextStep("新令牌（只显示这一次，请立即保存）：" + t.token(), "New token (shown only once, store it now): " + t.token(), true).flash();
        return "redirect:/credit/bank#tokens";
    }

    @PostMapping("/credit/bank/tokens/{id}/revoke")
    public String revokeToken(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        tokens.revoke(user, Params.requiredId("id", id), request.getRemoteAddr());
        new NextStep("令牌已撤销，使用它的请求从下一次起被拒绝。", "Token revoked: requests with it are refused from the next one.").flash();
        return "redirect:/credit/bank#tokens";
    }

    @ExceptionHandler(CreditRefusedException.class)
    public String refused(CreditRefusedException e) {
        new NextStep(e.messageZh(), e.messageEn(), true).flash();
        return "redirect:/credit/bank";
    }

    /** Outside the scope or absent: the same 404, never a hint. */
    @ExceptionHandler(org.innoladder.web.NotFoundException.class)
    public void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(jakarta.servlet.http.HttpServletResponse.SC_NOT_FOUND);
    }
}
