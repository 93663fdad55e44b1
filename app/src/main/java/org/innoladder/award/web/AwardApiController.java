package org.innoladder.award.web;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.internal.AwardQueries;
import org.innoladder.award.internal.AwardRefusedException;
import org.innoladder.award.internal.AwardService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of award cases. Every case through the caller's data scope (another scope's case is 404); a workflow
 * refusal is 409 with the reason ({@code refusal}, {@code detailZh}); LEADER and ADMIN read only.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE')")
@Tag(name = "Awards", description = "兑现审核: award cases, the reviewed workflow, bulk approval, budgets, my policies")
public class AwardApiController {
    static final URI REFUSED = URI.create("urn:innoladder:problem:award-refused");

    private final AwardService awards;
    private final AwardQueries queries;

    public AwardApiController(AwardService awards, AwardQueries queries) {
        this.awards = awards;
        this.queries = queries;
    }

    @Operation(summary = "Cases in scope, oldest step first; filters status, town (region code prefix), minAge (days in "
            + "the current step), overdue=true, policy, period")
    @GetMapping("/api/v1/awards")
    public ResultPage<AwardQueries.CaseLine> list(CurrentUser user, @RequestParam(required = false) String status,
                                                  @RequestParam(required = false) String town,
                                                  @RequestParam(required = false) String minAge,
                                                  @RequestParam(required = false) String overdue,
                                                  @RequestParam(required = false) String policy,
                                                  @RequestParam(required = false) String period,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "50") int size) {
        return queries.list(user, AwardQueries.Filter.of(status, town, minAge, overdue, policy, period), page, size);
    }

    @Operation(summary = "Cases and amounts per status under the same filters (status ignored)")
    @GetMapping("/api/v1/awards/counts")
    public List<AwardQueries.StatusCount> counts(CurrentUser user, @RequestParam(required = false) String town,
                                                 @RequestParam(required = false) String minAge,
                                                 @RequestParam(required = false) String overdue,
                                                 @RequestParam(required = false) String policy,
                                                 @RequestParam(required = false) String period) {
        return queries.counts(user, AwardQueries.Filter.of(null, town, minAge, overdue, policy, period));
    }

    @Operation(summary = "Budget, committed, paid, waiting and in-review sums per policy and period")
    @GetMapping("/api/v1/awards/budgets")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    public List<AwardQueries.BudgetLine> budgets(CurrentUser user) {
        return queries.budgets(user);
    }

    @Operation(summary = "ENTERPRISE: what it qualifies for, nearly qualifies for (with gaps), its cases and the "
            + "application policies open to it")
    @GetMapping("/api/v1/awards/mine")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public AwardQueries.MyPolicies mine(CurrentUser user) {
        return queries.mine(user);
    }

    @Operation(summary = "A case with its history, objections and the actions the caller may take now")
    @GetMapping("/api/v1/awards/{id}")
    public AwardQueries.CaseDetail detail(CurrentUser user, @PathVariable long id) {
        return queries.detail(user, id);
    }

    @Operation(summary = "Take a workflow action: confirm (accountName, accountBank, accountNumber), review, approve, "
            + "publicise, pay (paymentReference), reject or withdraw (reason)")
    @PostMapping("/api/v1/awards/{id}/actions/{action}")
    @PreAuthorize("hasAnyRole('BUREAU','TOWN','ENTERPRISE')")
    public AwardService.ActResult act(CurrentUser user, @PathVariable long id, @PathVariable String action,
                                      @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        AwardAction a = AwardAction.parse(action);
        if (a == null) {
            throw new BadParameterException("action", action, "须为 confirm、review、approve、publicise、pay、reject 或 withdraw",
                    "must be confirm, review, approve, publicise, pay, reject or withdraw");
        }
        Map<String, Object> b = body == null ? Map.of() : body;
        return awards.act(user, id, a, new AwardService.ActRequest(text(b, "reason"), text(b, "paymentReference"),
                text(b, "accountName"), text(b, "accountBank"), text(b, "accountNumber")), request.getRemoteAddr());
    }

    @Operation(summary = "Approve many cases (body {ids: [..]}); each is checked on its own and the answer says per case "
            + "APPROVED, BUDGET_WAIT, REFUSED (with the reason) or NOT_FOUND")
    @PostMapping("/api/v1/awards/bulk-approve")
    @PreAuthorize("hasRole('BUREAU')")
    public AwardService.BulkResult bulk(CurrentUser user, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        Object ids = body.get("ids");
        if (!(ids instanceof List<?> list)) {
            throw new BadParameterException("ids", String.valueOf(ids), "须为案件编号数组", "must be an array of case ids");
        }
        List<Long> out = new ArrayList<>();
        for (Object o : list) {
            try {
                out.add(Long.parseLong(String.valueOf(o)));
            } catch (NumberFormatException e) {
                throw new BadParameterException("ids", String.valueOf(o), "须为整数案件编号", "must be whole-number case ids");
            }
        }
        return awards.approveAll(user, out, request.getRemoteAddr());
    }

    @Operation(summary = "ENTERPRISE: apply to an APPLICATION policy (body {policyId, period, requestedAmount, materials, "
            + "accountName, accountBank, accountNumber}); the page also takes a file")
    @PostMapping("/api/v1/awards/applications")
    @PreAuthorize("hasRole('ENTERPRISE')")
    public Map<String, Object> apply(CurrentUser user, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        Long policy = AwardQueries.longOrNull("policyId", text(body, "policyId"));
        if (policy == null) throw new BadParameterException("policyId", "", "不能为空", "is required");
        Integer period = AwardQueries.intOrNull("period", text(body, "period"), 1990, 2100);
        long id = awards.apply(user, policy, period, text(body, "requestedAmount"), text(body, "materials"),
                text(body, "accountName"), text(body, "accountBank"), text(body, "accountNumber"), null, request.getRemoteAddr());
        return Map.of("caseId", id);
    }

    @Operation(summary = "Record an objection received during publicity (body {content})")
    @PostMapping("/api/v1/awards/{id}/objections")
    @PreAuthorize("hasAnyRole('BUREAU','TOWN')")
    public Map<String, Object> object(CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body,
                                      HttpServletRequest request) {
        return Map.of("objectionId", awards.lodgeObjection(user, id, text(body, "content"), request.getRemoteAddr()));
    }

    @Operation(summary = "Resolve an objection (body {resolution})")
    @PostMapping("/api/v1/awards/{id}/objections/{objectionId}/resolve")
    @PreAuthorize("hasRole('BUREAU')")
    public Map<String, Object> resolve(CurrentUser user, @PathVariable long id, @PathVariable long objectionId,
                                       @RequestBody Map<String, Object> body, HttpServletRequest request) {
        awards.resolveObjection(user, id, objectionId, text(body, "resolution"), request.getRemoteAddr());
        return Map.of("objectionId", objectionId, "resolved", true);
    }

    @ExceptionHandler(AwardRefusedException.class)
    ProblemDetail refused(AwardRefusedException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.messageEn());
        p.setType(REFUSED);
        p.setTitle("Not allowed by the award workflow");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("refusal", e.decision().refusal().name());
        p.setProperty("detailZh", e.messageZh());
        return p;
    }

    static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
