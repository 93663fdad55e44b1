package org.innoladder.policy.web;

import org.innoladder.policy.internal.PolicyCatalogue;
import org.innoladder.policy.internal.PolicyMatching;
import org.innoladder.policy.internal.PolicySandbox;
import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.PolicyWhatIf;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST access to the policy catalogue, matching runs, matches and the sandbox. Errors are RFC 9457 problems. */
@RestController
@RequestMapping("/api/v1/policies")
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Policies", description = "政策速兑: catalogue (YAML definitions, versions, publish, retire), matching, sandbox")
public class PolicyApiController {
    private final PolicyCatalogue catalogue;
    private final PolicyMatching matching;
    private final PolicySandbox sandbox;

    public PolicyApiController(PolicyCatalogue catalogue, PolicyMatching matching, PolicySandbox sandbox) {
        this.catalogue = catalogue;
        this.matching = matching;
        this.sandbox = sandbox;
    }

    /** A definition to save: the YAML text, and for a new policy the owning region. */
    public record DefinitionBody(String region, String definition) {
    }

    public record VersionBody(long policyId, int version) {
    }

    public record RunBody(String region, String period) {
    }

    /** {@code ruleset} (optional): a ruleset id whose thresholds {@code rulesetParameters} change, re-evaluated for {@code eval.<id>}. */
    public record SandboxBody(String region, String year, Map<String, String> parameters, String ruleset,
                              Map<String, String> rulesetParameters) {
    }

    public record SandboxAnswer(String policy, int version, String region, int year, Map<String, Double> changed,
                                PolicySandbox.RulesetChange ruleset, int population, int eligibleBefore, int eligibleAfter, BigDecimal totalBefore,
                                BigDecimal totalAfter, BigDecimal budget, boolean overBudget,
                                List<PolicySandbox.Entry> gained, List<PolicySandbox.Entry> lost, long millis) {
    }

    @GetMapping
    @Operation(summary = "Policies the caller may see (within its scope or above it)")
    public List<PolicyCatalogue.Summary> list(CurrentUser user, @RequestParam(required = false) String status) {
        return catalogue.list(user, status);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A policy: summary, and every version's YAML definition, newest first")
    public Map<String, Object> get(CurrentUser user, @PathVariable long id) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", d.summary());
        out.put("versions", d.versions().stream().map(v -> Map.of("version", v.version(), "definition", v.definition(),
                "createdBy", v.createdBy())).toList());
        return out;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Create a policy (DRAFT, version 1) from a YAML definition; refused with the field and position when it does not type-check")
    public ResponseEntity<VersionBody> create(CurrentUser user, @RequestBody DefinitionBody body, HttpServletRequest request) {
        PolicyCatalogue.Version v = catalogue.save(user, null, body.region(), body.definition(), request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/policies/" + v.policyId())).body(new VersionBody(v.policyId(), v.version()));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Save a new version of a policy")
    public VersionBody save(CurrentUser user, @PathVariable long id, @RequestBody DefinitionBody body, HttpServletRequest request) {
        PolicyCatalogue.Version v = catalogue.save(user, id, null, body.definition(), request.getRemoteAddr());
        return new VersionBody(v.policyId(), v.version());
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Publish the latest version")
    public PolicyCatalogue.Summary publish(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
        catalogue.publish(user, id, request.getRemoteAddr());
        return catalogue.find(user, id).summary();
    }

    @PostMapping("/{id}/retire")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Retire a policy")
    public PolicyCatalogue.Summary retire(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
        catalogue.retire(user, id, request.getRemoteAddr());
        return catalogue.find(user, id).summary();
    }

    @PostMapping("/{id}/runs")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Run matching of the published version over a region subtree and period; answers when done")
    public PolicyMatching.Run run(CurrentUser user, @PathVariable long id, @RequestBody RunBody body, HttpServletRequest request) {
        return matching.run(user, matching.check(user, id, body.region(), body.period()), request.getRemoteAddr());
    }

    @GetMapping("/{id}/matches")
    @Operation(summary = "Stored matches of a period within the caller's scope, paged")
    public ResultPage<PolicyMatching.Match> matches(CurrentUser user, @PathVariable long id, @RequestParam String period,
                                                    @RequestParam(required = false) String outcome,
                                                    @RequestParam(required = false) String page,
                                                    @RequestParam(required = false) String size) {
        catalogue.find(user, id);
        int s = size == null || size.isBlank() ? 50 : PolicyPageController.page(size);
        if (s > 500) throw new BadParameterException("size", size, "每页最多 500 条", "at most 500 per page");
        return matching.matches(user, id, PolicyMatching.year(period), PolicyPageController.outcome(outcome),
                PolicyPageController.page(page), s);
    }

    @PostMapping("/{id}/sandbox")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    @Operation(summary = "What-if: the latest version with changed parameters against the current population; nothing stored")
    public SandboxAnswer sandbox(CurrentUser user, @PathVariable long id, @RequestBody SandboxBody body) {
        PolicySandbox.Answer a = sandbox.compute(user, id, body.region(), body.year(),
                body.parameters() == null ? Map.of() : body.parameters(), body.ruleset(),
                body.rulesetParameters() == null ? Map.of() : body.rulesetParameters());
        PolicyWhatIf w = a.whatIf();
        return new SandboxAnswer(a.policy().summary().code(), a.policy().latest().version(), a.regionCode(), a.year(),
                a.changed(), a.ruleset(), a.population(), w.eligibleBefore(), w.eligibleAfter(), w.totalBefore(), w.totalAfter(),
                w.budget(), w.overBudget(), a.gained(), a.lost(), a.millis());
    }
}
