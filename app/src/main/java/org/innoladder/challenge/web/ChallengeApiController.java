package org.innoladder.challenge.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.challenge.domain.ChallengeWorkflow;
import org.innoladder.challenge.internal.ChallengeRefusedException;
import org.innoladder.challenge.internal.Challenges;
import org.innoladder.challenge.internal.Solvers;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;
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
 * REST API of 揭榜挂帅 challenges for signed-in users (the board is public under {@code /api/v1/public/challenges}).
 * A workflow refusal is 409 with {@code detailZh}; amounts are in yuan.
 */
@RestController
@PreAuthorize("isAuthenticated()")
@Tag(name = "Challenges", description = "揭榜挂帅: needs, the workflow, applications, objections, milestones and payments, solvers")
public class ChallengeApiController {
    static final URI REFUSED = URI.create("urn:innoladder:problem:challenge-refused");

    private final Challenges challenges;
    private final Solvers solvers;

    ChallengeApiController(Challenges challenges, Solvers solvers) {
        this.challenges = challenges;
        this.solvers = solvers;
    }

    @Operation(summary = "Challenges in the officer's region (needs included); filter status")
    @GetMapping("/api/v1/challenges")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public List<Challenges.BoardRow> list(CurrentUser user, @RequestParam(required = false) String status) {
        return challenges.list(user, ChallengePublicController.status(status), 1000);
    }

    @Operation(summary = "One challenge with the applications the caller may see and its milestones")
    @GetMapping("/api/v1/challenges/{id}")
    public Map<String, Object> detail(CurrentUser user, @PathVariable long id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("challenge", challenges.detail(user, id));
        out.put("applications", challenges.applications(user, id));
        out.put("milestones", challenges.milestones(user, id));
        return out;
    }

    @Operation(summary = "Collect a need {title, problem, indicators, field, regionCode, issuerName, issuerFunding, governmentFunding, deadline}")
    @PostMapping("/api/v1/challenges")
    @PreAuthorize("hasAnyRole('BUREAU','ENTERPRISE')")
    public Map<String, Object> need(CurrentUser user, @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        long id = challenges.collectNeed(user, new Challenges.Need(text(b, "title"), text(b, "problem"), text(b, "indicators"), text(b, "field"),
                text(b, "regionCode"), text(b, "issuerName"), null, ChallengePageController.money("issuerFunding", text(b, "issuerFunding")),
                ChallengePageController.money("governmentFunding", text(b, "governmentFunding")),
                ChallengePageController.date("deadline", text(b, "deadline"))), request.getRemoteAddr());
        return Map.of("challengeId", id);
    }

    @Operation(summary = "A workflow step: SCREEN, PUBLISH, CLOSE, NEGOTIATE {winnerApplicationId}, PUBLICISE {price}, CONTRACT "
            + "{milestones:[{title, dueOn, issuerAmount, governmentAmount}]}, ACCEPT, REJECT {reason}, TERMINATE {reason}")
    @PostMapping("/api/v1/challenges/{id}/act/{action}")
    @PreAuthorize("hasRole('BUREAU')")
    public Challenges.ActResult act(CurrentUser user, @PathVariable long id, @PathVariable String action,
                                    @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        List<Challenges.MilestonePlan> plan = null;
        if (b.get("milestones") instanceof List<?> l) {
            plan = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m)) throw new BadParameterException("milestones", String.valueOf(o), "须为里程碑对象", "must be milestone objects");
                plan.add(new Challenges.MilestonePlan(str(m.get("title")), ChallengePageController.date("milestones.dueOn", str(m.get("dueOn"))),
                        ChallengePageController.money("milestones.issuerAmount", str(m.get("issuerAmount"))),
                        ChallengePageController.money("milestones.governmentAmount", str(m.get("governmentAmount")))));
            }
        }
        BigDecimal price = text(b, "price") == null ? null : ChallengePageController.money("price", text(b, "price"));
        return challenges.act(user, id, Params.choice("action", action, ChallengeWorkflow.Action.class),
                new Challenges.ActRequest(text(b, "reason"), Params.id("winnerApplicationId", text(b, "winnerApplicationId")), price, plan),
                request.getRemoteAddr());
    }

    @Operation(summary = "Apply to a published challenge {team, plan, milestones, price} (an activated solver)")
    @PostMapping("/api/v1/challenges/{id}/applications")
    @PreAuthorize("hasRole('SOLVER')")
    public Map<String, Object> apply(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                     HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return Map.of("applicationId", challenges.apply(user, id, new Challenges.Application(text(b, "team"), text(b, "plan"),
                text(b, "milestones"), ChallengePageController.money("price", text(b, "price"))), request.getRemoteAddr()));
    }

    @Operation(summary = "A solver's own applications with the milestones of challenges it won")
    @GetMapping("/api/v1/challenges/applications/mine")
    @PreAuthorize("hasRole('SOLVER')")
    public List<Challenges.MyApplication> mine(CurrentUser user) {
        return challenges.mine(user);
    }

    @Operation(summary = "The formal check of an application {passed: true|false, note}")
    @PostMapping("/api/v1/challenges/applications/{id}/formal")
    @PreAuthorize("hasRole('BUREAU')")
    public Map<String, Object> formal(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                      HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        boolean passed = "true".equals(text(b, "passed"));
        challenges.formalCheck(user, id, passed, text(b, "note"), request.getRemoteAddr());
        return Map.of("applicationId", id, "passed", passed);
    }

    @Operation(summary = "An objection during publicity {content}")
    @PostMapping("/api/v1/challenges/{id}/objections")
    public Map<String, Object> object(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                      HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return Map.of("objectionId", challenges.object(user, id, text(b, "content"), request.getRemoteAddr()));
    }

    @Operation(summary = "Resolve an objection {resolution}")
    @PostMapping("/api/v1/challenges/objections/{id}/resolve")
    @PreAuthorize("hasRole('BUREAU')")
    public Map<String, Object> resolve(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                       HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        challenges.resolveObjection(user, id, text(b, "resolution"), request.getRemoteAddr());
        return Map.of("objectionId", id, "resolved", true);
    }

    @Operation(summary = "Report a milestone {report} (the winning solver)")
    @PostMapping("/api/v1/challenges/milestones/{id}/report")
    @PreAuthorize("hasRole('SOLVER')")
    public Map<String, Object> report(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                      HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        challenges.reportMilestone(user, id, text(b, "report"), request.getRemoteAddr());
        return Map.of("milestoneId", id, "reported", true);
    }

    @Operation(summary = "Accept a reported milestone and release its payment (an expert of the winner's panel)")
    @PostMapping("/api/v1/challenges/milestones/{id}/accept")
    @PreAuthorize("hasRole('EXPERT')")
    public Challenges.PaymentResult accept(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
        return challenges.acceptMilestone(user, id, request.getRemoteAddr());
    }

    @Operation(summary = "Registered solvers")
    @GetMapping("/api/v1/solvers")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public List<Solvers.Solver> solverList(CurrentUser user) {
        return solvers.list(user);
    }

    @Operation(summary = "Activate (or reject) a pending solver {activate: true|false}")
    @PostMapping("/api/v1/solvers/{id}/check")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public Map<String, Object> check(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                     HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        boolean activate = "true".equals(text(b, "activate"));
        solvers.check(user, id, activate, request.getRemoteAddr());
        return Map.of("solverId", id, "activated", activate);
    }

    @ExceptionHandler(ChallengeRefusedException.class)
    ProblemDetail refused(ChallengeRefusedException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.messageEn());
        p.setType(REFUSED);
        p.setTitle("Not allowed by the challenge workflow");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("detailZh", e.messageZh());
        return p;
    }

    static String text(Map<String, Object> b, String key) {
        return str(b.get(key));
    }

    static String str(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
