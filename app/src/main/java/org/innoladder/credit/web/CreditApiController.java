package org.innoladder.credit.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.credit.internal.BankReports;
import org.innoladder.credit.internal.Consents;
import org.innoladder.credit.internal.CreditRefusedException;
import org.innoladder.credit.internal.Loans;
import org.innoladder.credit.internal.Products;
import org.innoladder.credit.internal.RiskPools;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.Params;
import org.innoladder.web.ResultPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The credit API: a bank's client reads its loan book and consented enterprises and reports loan events (with an
 * API token as {@code Bearer}, or HTTP Basic); enterprises and the bureau read the loans in their scope. Loans of
 * another bank, enterprise or region are 404; a refused step is 409 with the reason.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE','BANK')")
@Tag(name = "Credit", description = "科创积分贷: products, loans, bank event reports, consented enterprises, compensation claims")
public class CreditApiController {
    static final URI REFUSED = URI.create("urn:innoladder:problem:credit-refused");

    private final Loans loans;
    private final BankReports reports;
    private final Consents consents;
    private final Products products;
    private final RiskPools pools;
    private final org.innoladder.credit.internal.LedgerUpload ledger;

    public CreditApiController(Loans loans, BankReports reports, Consents consents, Products products, RiskPools pools,
                               org.innoladder.credit.internal.LedgerUpload ledger) {
        this.ledger = ledger;
        this.loans = loans;
        this.reports = reports;
        this.consents = consents;
        this.products = products;
        this.pools = pools;
    }

    public record LoanView(long id, String creditCode, String enterpriseName, String bankName, String product,
                           String status, java.math.BigDecimal requestedYuan, java.math.BigDecimal approvedYuan,
                           java.math.BigDecimal disbursedYuan, java.math.BigDecimal outstandingYuan,
                           java.math.BigDecimal recoveredYuan, String bankReference, java.time.LocalDate disbursedOn) {
        static LoanView of(Loans.Loan l) {
            return new LoanView(l.id(), l.creditCode(), l.enterpriseName(), l.bankName(), l.productName(), l.status().name(),
                    l.requested(), l.approved(), l.disbursed(), l.outstanding(), l.recovered(), l.bankReference(), l.disbursedOn());
        }
    }

    @GetMapping("/api/v1/credit/loans")
    @Operation(summary = "Loans in the caller's scope (a bank: its own loan book), newest first, optionally by status; "
            + "with before=<loan id> the loans older than that one (keyset paging: a deep page is as fast as the first)")
    public ResultPage<LoanView> loans(CurrentUser user, @RequestParam(required = false) String status,
                                      @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                      @Parameter(description = "Only loans older than this loan id: pass the last id of the previous page")
                                      @RequestParam(required = false) String before) {
        LoanStatus s = Params.choice("status", status, LoanStatus.class);
        int n = Params.size(size, 50, 500);
        Long cursor = Params.id("before", before);
        if (cursor != null) {
            Loans.Book b = loans.book(user, s, cursor, null, Params.page(page), n);
            return ResultPage.of(b.items().stream().map(LoanView::of).toList(), b.page(), n, b.total());
        }
        ResultPage<Loans.Loan> p = loans.list(user, s, Params.page(page), n);
        return ResultPage.of(p.items().stream().map(LoanView::of).toList(), p.page(), p.size(), p.totalItems());
    }

    @GetMapping("/api/v1/credit/loans/{id}")
    @Operation(summary = "One loan in the caller's scope with its history")
    public Map<String, Object> loan(CurrentUser user, @PathVariable String id) {
        Loans.Loan l = loans.get(user, Params.requiredId("id", id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loan", LoanView.of(l));
        out.put("history", loans.history(l.id()));
        return out;
    }

    @PostMapping("/api/v1/credit/loans/{id}/events")
    @PreAuthorize("hasRole('BANK')")
    @Operation(summary = "BANK: report a loan event (type REVIEW_STARTED, APPROVED, REJECTED, CONTRACTED, DISBURSED, "
            + "REPAYMENT, CLOSED, OVERDUE, NON_PERFORMING, RECOVERY; amount in yuan; date YYYY-MM-DD; note). The same "
            + "Idempotency-Key with the same report returns the first answer and changes nothing")
    public Map<String, Object> report(CurrentUser user, @PathVariable String id,
                                      @Parameter(description = "One key per report, the same when the report is sent again")
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                      @RequestBody Map<String, Object> body, HttpServletRequest request) {
        BankReports.Type type = Params.choice("type", CreditParams.text(body, "type"), BankReports.Type.class);
        if (type == null) throw Params.missing("type");
        BankReports.Answer a = reports.report(user, Params.requiredId("id", id), key, new BankReports.Report(type,
                CreditParams.amount("amount", CreditParams.text(body, "amount"), false),
                CreditParams.date("date", CreditParams.text(body, "date")),
                CreditParams.limited("note", CreditParams.text(body, "note"), 1000)), request.getRemoteAddr());
        Map<String, Object> out = new LinkedHashMap<>(a.body());
        out.put("replayed", a.replayed());
        return out;
    }

    @PostMapping(path = "/api/v1/credit/ledger", consumes = "multipart/form-data")
    @PreAuthorize("hasRole('BANK')")
    @Operation(summary = "BANK: upload the monthly ledger (CSV or XLSX; columns loan_id/贷款编号, status/状态, "
            + "outstanding/贷款余额, date/日期): each row applied on its own, bad rows reported with line, column and reason")
    public org.springframework.http.ResponseEntity<Map<String, Object>> ledger(CurrentUser user,
            @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file, HttpServletRequest request)
            throws java.io.IOException {
        LedgerFiles.Result r = LedgerFiles.upload(ledger, user, file, request.getRemoteAddr());
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.unreadable() != null) {
            out.put("detail", r.unreadable().en());
            out.put("detailZh", r.unreadable().zh());
            return org.springframework.http.ResponseEntity.badRequest().body(out);
        }
        out.put("rows", r.report().rows());
        out.put("applied", r.report().applied());
        out.put("unchanged", r.report().unchanged());
        out.put("rejections", r.report().rejections());
        return org.springframework.http.ResponseEntity.ok(out);
    }

    public record ConsentedView(String creditCode, String name, List<String> parts, java.time.OffsetDateTime expiresAt) {
    }

    @GetMapping("/api/v1/credit/enterprises")
    @PreAuthorize("hasRole('BANK')")
    @Operation(summary = "BANK: the enterprises with a live consent to the caller's bank and the parts each granted")
    public List<ConsentedView> consented(CurrentUser user, @RequestParam(required = false) String page) {
        int p = Params.page(page);
        return consents.consentedTo(user.bankId(), 200, (p - 1) * 200).stream()
                .map(c -> new ConsentedView(c.creditCode(), c.name(), c.parts(), c.expiresAt())).toList();
    }

    public record ProductView(long id, String bank, String code, String name, String kind, java.math.BigDecimal amountMinYuan,
                              java.math.BigDecimal amountMaxYuan, java.math.BigDecimal rateMin, java.math.BigDecimal rateMax,
                              int termMonths, boolean poolCovered) {
    }

    @GetMapping("/api/v1/credit/products")
    @Operation(summary = "Active financial products of every partner bank")
    public List<ProductView> products() {
        return products.active(null).stream().map(p -> new ProductView(p.id(), p.bankName(), p.code(), p.name(), p.kind().name(),
                p.amountMin(), p.amountMax(), p.rateMin(), p.rateMax(), p.termMonths(), p.poolCovered())).toList();
    }

    public record ClaimView(long id, long loanId, String bank, String enterprise, String status, java.math.BigDecimal amountYuan,
                            java.math.BigDecimal share, String explanation) {
    }

    @GetMapping("/api/v1/credit/claims")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','BANK')")
    @Operation(summary = "Compensation claims in the caller's scope (a bank: its own), newest first")
    public List<ClaimView> claims(CurrentUser user) {
        return pools.claims(user, null, 500).stream().map(c -> new ClaimView(c.id(), c.loanId(), c.bankName(), c.enterpriseName(),
                c.status().name(), c.amount(), c.share(), c.explanationZh())).toList();
    }

    @ExceptionHandler(CreditRefusedException.class)
    ProblemDetail refused(CreditRefusedException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.messageEn());
        p.setType(REFUSED);
        p.setTitle("Not allowed by the credit rules");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("refusal", e.code());
        p.setProperty("detailZh", e.messageZh());
        return p;
    }
}
