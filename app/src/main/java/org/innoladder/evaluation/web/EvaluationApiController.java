package org.innoladder.evaluation.web;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.evaluation.internal.EvaluationResults;
import org.innoladder.evaluation.internal.EvaluationRun;
import org.innoladder.evaluation.internal.ResultQuery;
import org.innoladder.evaluation.internal.ResultRow;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.rules.Outcome;
import org.innoladder.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST API of evaluation runs and stored results, limited to the caller's data scope. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Evaluations", description = "规则评估: start evaluation runs of a region and year, read stored explained results")
public class EvaluationApiController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EvaluationRuns runs;
    private final EvaluationResults results;

    public EvaluationApiController(EvaluationRuns runs, EvaluationResults results) {
        this.runs = runs;
        this.results = results;
    }

    /** Body of POST /api/v1/evaluations; the year is taken as text so a wrong one is named in the problem. */
    public record StartRequest(String region, String year, List<String> rulesets) {
    }

    /** A run as the API shows it. */
    public record RunView(long id, String region, int year, List<String> rulesets, String status, String startedBy,
                          OffsetDateTime startedAt, OffsetDateTime finishedAt, int rowsLoaded, int enterprises,
                          int evaluated, int stored, JsonNode counts, String message, String statusUrl) {
        static RunView of(EvaluationRun r) {
            return new RunView(r.id(), r.regionCode(), r.year(), r.rulesets(), r.status(), r.startedBy(), r.startedAt(),
                    r.finishedAt(), r.rowsLoaded(), r.enterprises(), r.evaluated(), r.stored(),
                    JSON.readTree(r.counts() == null ? "{}" : r.counts()), r.message(), "/api/v1/evaluations/" + r.id());
        }
    }

    /** A page of results with the outcome counts of the same filter. */
    public record ResultsView(String ruleset, int year, Map<Outcome, Long> counts, ResultPage<ResultRow> page) {
    }

    @PostMapping("/api/v1/evaluations")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Start an evaluation run",
            description = "Evaluates the enterprises of a region (default: the caller's scope root) for a year under the "
                    + "given rulesets (id or id@version) in the background; 202 with the run's location.")
    public ResponseEntity<RunView> start(@Parameter(hidden = true) CurrentUser user, @RequestBody StartRequest body,
                                         HttpServletRequest request) {
        EvaluationRuns.Request checked = runs.check(user, body.region(), EvaluationRuns.year(body.year()), body.rulesets());
        long id = runs.start(user, checked, request.getRemoteAddr());
        return ResponseEntity.accepted().location(URI.create("/api/v1/evaluations/" + id)).body(RunView.of(runs.get(user, id)));
    }

    @GetMapping("/api/v1/evaluations/{runId}")
    @Operation(summary = "Read an evaluation run", description = "Status, progress counters and outcome counts of a run.")
    public RunView run(@Parameter(hidden = true) CurrentUser user, @PathVariable long runId) {
        return RunView.of(runs.get(user, runId));
    }

    @GetMapping("/api/v1/evaluations/results")
    @Operation(summary = "List stored results", description = "Enterprises in the caller's scope with a stored result of "
            + "the ruleset and year, optionally of one outcome, one page at a time, with the counts per outcome.")
    public ResultsView results(@Parameter(hidden = true) CurrentUser user,
                               @Parameter(description = "tsme, hnte or id@version") @RequestParam(required = false) String ruleset,
                               @RequestParam(required = false) String year, @RequestParam(required = false) String outcome,
                               @RequestParam(required = false) String county, @RequestParam(required = false) String town,
                               @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        ResultQuery q = ResultQuery.parse(ruleset, year, outcome, county, town, page, size);
        return new ResultsView(q.ref(), q.year(), results.counts(user.scope(), q), results.page(user.scope(), q));
    }

    @GetMapping("/api/v1/enterprises/{creditCode}/evaluations")
    @Operation(summary = "Stored explained results of an enterprise", description = "Every stored result (criteria, "
            + "score items, gaps), latest year first; an enterprise outside the caller's scope is not found.")
    public List<JsonNode> forEnterprise(@Parameter(hidden = true) CurrentUser user, @PathVariable String creditCode) {
        String code = creditCode.strip().toUpperCase(Locale.ROOT);
        return results.json(user.scope(), code).orElseThrow(() -> new NotFoundException(
                "企业 " + code + " 不存在", "enterprise " + code + " not found"));
    }
}
