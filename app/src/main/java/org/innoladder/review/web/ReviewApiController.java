package org.innoladder.review.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.innoladder.review.domain.Assignment;
import org.innoladder.review.domain.DossierStatus;
import org.innoladder.review.domain.DossierWorkflow;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.domain.ReviewStatus;
import org.innoladder.review.domain.ScoringForm;
import org.innoladder.review.internal.ExpertPool;
import org.innoladder.review.internal.HnteDossiers;
import org.innoladder.review.internal.ReviewCases;
import org.innoladder.review.internal.ReviewRefusedException;
import org.innoladder.review.internal.ScoringForms;
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
 * REST API of expert review: reviews (what the caller may see of them: an expert only assigned ones, others' scores
 * after submitting), proposals, workflow steps, the scoring forms, the expert pool, and the HNTE dossiers (within
 * the caller's data scope). A workflow refusal is 409 with {@code refusal} and {@code detailZh}.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE','EXPERT')")
@Tag(name = "Reviews", description = "专家评审: review cases, the expert pool, scoring forms, HNTE application review (三级审查)")
public class ReviewApiController {
    static final URI REFUSED = URI.create("urn:innoladder:problem:review-refused");

    private final ReviewCases reviews;
    private final ExpertPool pool;
    private final HnteDossiers dossiers;
    private final ScoringForms forms;

    ReviewApiController(ReviewCases reviews, ExpertPool pool, HnteDossiers dossiers, ScoringForms forms) {
        this.reviews = reviews;
        this.pool = pool;
        this.dossiers = dossiers;
        this.forms = forms;
    }

    @Operation(summary = "Reviews the caller may see, newest first; filters kind (HNTE, CHALLENGE) and status")
    @GetMapping("/api/v1/reviews")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','EXPERT')")
    public List<ReviewCases.ListRow> list(CurrentUser user, @RequestParam(required = false) String kind, @RequestParam(required = false) String status) {
        return reviews.list(user, ReviewPageController.kind(kind),
                status == null || status.isBlank() ? null : Params.choice("status", status, ReviewStatus.class), 1000);
    }

    @Operation(summary = "One review as the caller may see it (blind reviews hide the applicant from experts)")
    @GetMapping("/api/v1/reviews/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','EXPERT')")
    public ReviewCases.CaseView view(CurrentUser user, @PathVariable long id) {
        return reviews.view(user, id);
    }

    @Operation(summary = "The proposed experts for the missing places of the panel, and who is excluded and why")
    @GetMapping("/api/v1/reviews/{id}/proposal")
    @PreAuthorize("hasRole('BUREAU')")
    public Assignment.Proposal proposal(CurrentUser user, @PathVariable long id) {
        return reviews.propose(user, id);
    }

    @Operation(summary = "A workflow step: ASSIGN {experts:[ids]}, ACCEPT, DECLINE {reason}, SUBMIT {scores:{criterion:points}, "
            + "comments:{criterion:text}}, MODERATE {assignmentId, scores, reason}, DECIDE, CANCEL {reason}")
    @PostMapping("/api/v1/reviews/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('BUREAU','EXPERT')")
    public ReviewCases.ActResult act(CurrentUser user, @PathVariable long id, @PathVariable String action,
                                     @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        ReviewAction a = Params.choice("action", action, ReviewAction.class);
        return reviews.act(user, id, a, new ReviewCases.ActRequest(text(b, "reason"), ids(b.get("experts")), scores(b.get("scores")),
                comments(b.get("comments")), b.get("assignmentId") == null ? null : Params.id("assignmentId", String.valueOf(b.get("assignmentId")))),
                request.getRemoteAddr());
    }

    @Operation(summary = "The scoring forms: criteria, bands, citations and trust levels, threshold, outlier distance")
    @GetMapping("/api/v1/reviews/forms")
    public List<ScoringForm> forms() {
        return forms.all();
    }

    @Operation(summary = "The expert pool, optionally one field")
    @GetMapping("/api/v1/experts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public List<ExpertPool.Expert> experts(CurrentUser user, @RequestParam(required = false) String field) {
        return pool.list(user, field == null || field.isBlank() ? null : ExpertPoolFields.check(field));
    }

    @Operation(summary = "Add an expert {name, organisation, organisationCreditCode, title, fields:[...], maxWorkload, regionCode, userId}")
    @PostMapping("/api/v1/experts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public Map<String, Object> addExpert(CurrentUser user, @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        List<String> fields = new ArrayList<>();
        if (b.get("fields") instanceof List<?> l) l.forEach(x -> fields.add(String.valueOf(x)));
        long id = pool.create(user, new ExpertPool.NewExpert(b.get("userId") == null ? null : Params.id("userId", String.valueOf(b.get("userId"))),
                text(b, "name"), text(b, "organisation"), text(b, "organisationCreditCode"), text(b, "title"), fields, true,
                b.get("maxWorkload") == null ? null : Params.integer("maxWorkload", String.valueOf(b.get("maxWorkload")), 0, 100),
                text(b, "regionCode") == null ? user.regionCode() : text(b, "regionCode")), request.getRemoteAddr());
        return Map.of("expertId", id);
    }

    @Operation(summary = "Declare a conflict of interest {creditCode, note} (the expert for themself, or an officer)")
    @PostMapping("/api/v1/experts/{id}/conflicts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','EXPERT')")
    public Map<String, Object> declare(CurrentUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> body,
                                       HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        pool.declareConflict(user, id, text(b, "creditCode"), text(b, "note"), request.getRemoteAddr());
        return Map.of("expertId", id, "declared", true);
    }

    @Operation(summary = "HNTE dossiers in the caller's data scope with the ruleset's outcome, the experts' mean and the predicted "
            + "outcome; narrowed by year, status (level), region subtree, pool (IN/OUT of the HNTE reserve pool of the year) and "
            + "predicted (PASS, FAIL, OPEN, NOT_EVALUATED)")
    @GetMapping("/api/v1/hnte")
    public List<HnteDossiers.Row> dossiers(CurrentUser user, @RequestParam(required = false) String year, @RequestParam(required = false) String status,
                                           @RequestParam(required = false) String region, @RequestParam(required = false) String pool,
                                           @RequestParam(required = false) String predicted) {
        return dossiers.list(user, HnteFilters.parse(user, year, status, region, pool, predicted), 1000);
    }

    @Operation(summary = "How many dossiers wait at each level, by predicted outcome, for a year")
    @GetMapping("/api/v1/hnte/progress")
    public List<HnteDossiers.LevelCount> progress(CurrentUser user, @RequestParam(required = false) String year) {
        return dossiers.progress(user, Params.year("year", year));
    }

    @Operation(summary = "One dossier")
    @GetMapping("/api/v1/hnte/{id}")
    public HnteDossiers.Row dossier(CurrentUser user, @PathVariable long id) {
        return dossiers.get(user, id);
    }

    @Operation(summary = "Submit a dossier {enterpriseId, year, agencyName, ipList, rdProjects, evidence}")
    @PostMapping("/api/v1/hnte")
    @PreAuthorize("hasAnyRole('ENTERPRISE','TOWN','BUREAU')")
    public Map<String, Object> submit(CurrentUser user, @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        long enterprise = Params.requiredId("enterpriseId", text(b, "enterpriseId"));
        long id = dossiers.submit(user, enterprise, Params.year("year", text(b, "year")), new HnteDossiers.Submission(text(b, "agencyName"),
                text(b, "ipList"), text(b, "rdProjects"), text(b, "evidence")), request.getRemoteAddr());
        return Map.of("dossierId", id);
    }

    @Operation(summary = "A step of the three-level review: TOWN_CHECK, CITY_CHECK (opens the expert review) or RETURN {reason}")
    @PostMapping("/api/v1/hnte/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('BUREAU','TOWN')")
    public HnteDossiers.ActResult actOnDossier(CurrentUser user, @PathVariable long id, @PathVariable String action,
                                               @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return dossiers.act(user, id, Params.choice("action", action, DossierWorkflow.Action.class), text(b, "reason"), request.getRemoteAddr());
    }

    @ExceptionHandler(ReviewRefusedException.class)
    ProblemDetail refused(ReviewRefusedException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.messageEn());
        p.setType(REFUSED);
        p.setTitle("Not allowed by the review workflow");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("refusal", e.refusal());
        p.setProperty("detailZh", e.messageZh());
        return p;
    }

    static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : String.valueOf(v);
    }

    static List<Long> ids(Object v) {
        if (v == null) return null;
        if (!(v instanceof List<?> l)) throw new BadParameterException("experts", String.valueOf(v), "须为专家编号列表", "must be a list of expert ids");
        List<Long> out = new ArrayList<>();
        for (Object o : l) out.add(Params.requiredId("experts", String.valueOf(o)));
        return out;
    }

    static Map<String, Integer> scores(Object v) {
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw new BadParameterException("scores", String.valueOf(v), "须为“评分项: 分值”的对象", "must be an object of criterion: points");
        Map<String, Integer> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), Params.integer("scores." + k, String.valueOf(x), 0, 1000)));
        return out;
    }

    static Map<String, String> comments(Object v) {
        if (!(v instanceof Map<?, ?> m)) return null;
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x == null ? null : String.valueOf(x)));
        return out;
    }
}
