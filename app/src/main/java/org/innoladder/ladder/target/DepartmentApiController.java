package org.innoladder.ladder.target;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.LadderService;
import org.innoladder.web.Params;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST API of the department targets: read within the caller's scope, configured by ADMIN and BUREAU of the region. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Ladder targets", description = "目标任务: targets per region, year, metric and tier with progress and forecast")
public class DepartmentApiController {
    private final DepartmentTargets departments;

    public DepartmentApiController(DepartmentTargets departments) {
        this.departments = departments;
    }

    @Operation(summary = "Departments of the regions within the region subtree (default: the caller's scope) and their targets of "
            + "the year, each with the metric's actual for the department's region, progress % and status")
    @GetMapping("/api/v1/ladder/departments")
    public DepartmentTargets.Listing list(CurrentUser user, @RequestParam(required = false) String year,
                                          @RequestParam(required = false) String region) {
        return departments.list(user, region, LadderService.year("year", year));
    }

    @Operation(summary = "Add a department to a region; body {region, name}")
    @PostMapping("/api/v1/ladder/departments")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @ResponseStatus(HttpStatus.CREATED)
    public DepartmentTargets.Department add(CurrentUser user, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return departments.add(user, text(body, "region"), text(body, "name"), request.getRemoteAddr());
    }

    @Operation(summary = "Remove a department and its targets")
    @DeleteMapping("/api/v1/ladder/departments/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void remove(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        departments.remove(user, Params.requiredId("id", id), request.getRemoteAddr());
    }

    @Operation(summary = "Create or replace the department's target of (year, metric, tier); body {year, metric, tier, value}")
    @PutMapping("/api/v1/ladder/departments/{id}/targets")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public DepartmentTargets.Row set(CurrentUser user, @PathVariable String id, @RequestBody Map<String, Object> body,
                                     HttpServletRequest request) {
        return departments.set(user, Params.requiredId("id", id), new DepartmentTargets.Input(text(body, "year"), text(body, "metric"),
                text(body, "tier"), text(body, "value")), request.getRemoteAddr());
    }

    @Operation(summary = "Remove one department target")
    @DeleteMapping("/api/v1/ladder/department-targets/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeTarget(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        departments.removeTarget(user, Params.requiredId("id", id), request.getRemoteAddr());
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body == null ? null : body.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
