package org.innoladder.ladder.target;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.LadderService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API of the ladder's targets: read within the caller's scope, set by ADMIN and BUREAU. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Ladder targets", description = "目标任务: targets per region, year, metric and tier with progress and forecast")
public class TargetApiController {
    private final TargetService targets;

    public TargetApiController(TargetService targets) {
        this.targets = targets;
    }

    @Operation(summary = "Targets of a year for the region subtree (default: the caller's scope) with actual, progress %, "
            + "forecast (actual + reserve pool weighted QUALIFIED 1, UNDETERMINED 0.5, NEAR 0.25 by default) and status")
    @GetMapping("/api/v1/ladder/targets")
    public TargetService.Listing list(CurrentUser user, @RequestParam(required = false) String year,
                                      @RequestParam(required = false) String region) {
        return targets.list(user, region, LadderService.year("year", year));
    }

    @Operation(summary = "Create or replace the target of (region, year, metric, tier); body {region, year, metric, tier, value}")
    @PutMapping("/api/v1/ladder/targets")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public TargetService.Row set(CurrentUser user, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return targets.set(user, new TargetService.Input(text(body, "region"), text(body, "year"), text(body, "metric"),
                text(body, "tier"), text(body, "value")), request.getRemoteAddr());
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
