package org.innoladder.ladder.town;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** REST API of town work; every enterprise through the caller's scope (else 404); LEADER reads only. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Town work", description = "挂钩联系, 走访记录, 一企一策: assignments, visits, plan actions with due dates")
public class TownWorkApiController {
    private final TownWorkService town;

    public TownWorkApiController(TownWorkService town) {
        this.town = town;
    }

    @Operation(summary = "TOWN: my assigned enterprises; others: every active assignment in scope, with pool reasons, "
            + "last visit, open and overdue actions")
    @GetMapping("/api/v1/ladder/town")
    public List<TownWorkService.Line> mine(CurrentUser user) {
        return town.mine(user);
    }

    @Operation(summary = "An enterprise's town work: assignment, pool reasons, visits, plan actions (overdue flagged)")
    @GetMapping("/api/v1/ladder/town/{creditCode}")
    public TownWorkService.Work work(CurrentUser user, @PathVariable String creditCode) {
        return town.work(user, creditCode);
    }

    @Operation(summary = "Assign the enterprise to a town assistant (body {assistant: username}); ends the previous assignment")
    @PutMapping("/api/v1/ladder/town/{creditCode}/assignment")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public TownWorkService.Assignment assign(CurrentUser user, @PathVariable String creditCode,
                                             @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return town.assign(user, creditCode, text(body, "assistant"), request.getRemoteAddr());
    }

    @Operation(summary = "Log a visit (body {visitedOn, summary, nextSteps})")
    @PostMapping("/api/v1/ladder/town/{creditCode}/visits")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public TownWorkService.Visit visit(CurrentUser user, @PathVariable String creditCode,
                                       @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return town.visit(user, creditCode, text(body, "visitedOn"), text(body, "summary"), text(body, "nextSteps"),
                request.getRemoteAddr());
    }

    @Operation(summary = "Add an action to the one-enterprise plan (body {description, owner, dueOn})")
    @PostMapping("/api/v1/ladder/town/{creditCode}/actions")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public TownWorkService.Action action(CurrentUser user, @PathVariable String creditCode,
                                         @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return town.addAction(user, creditCode, text(body, "description"), text(body, "owner"), text(body, "dueOn"),
                request.getRemoteAddr());
    }

    @Operation(summary = "Mark a plan action done today")
    @PostMapping("/api/v1/ladder/town/{creditCode}/actions/{id}/done")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public TownWorkService.Action done(CurrentUser user, @PathVariable String creditCode, @PathVariable long id,
                                       HttpServletRequest request) {
        return town.done(user, creditCode, id, request.getRemoteAddr());
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
