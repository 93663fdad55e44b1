package org.innoladder.ladder.target;

import java.time.Clock;
import java.time.Year;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.ladder.LadderService;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The targets page: the region targets with progress and forecast, the department targets (部门目标) with progress,
 * and (ADMIN, BUREAU) the forms to set a region target, add or remove a department and set or remove its targets.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class TargetPageController {
    private final TargetService targets;
    private final DepartmentTargets departments;
    private final Clock clock;

    public TargetPageController(TargetService targets, DepartmentTargets departments, Clock clock) {
        this.targets = targets;
        this.departments = departments;
        this.clock = clock;
    }

    @GetMapping("/ladder/targets")
    public String page(CurrentUser user, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String region, @RequestParam(required = false) String edit,
                       Model model) {
        int y = year == null || year.isBlank() ? Year.now(clock).getValue() : LadderService.year("year", year);
        TargetService.Listing listing = targets.list(user, region, y);
        TargetService.Input form = new TargetService.Input(listing.region(), String.valueOf(y), null, null, null);
        for (TargetService.Row r : listing.rows()) {
            if (String.valueOf(r.id()).equals(edit)) {
                form = new TargetService.Input(r.regionCode(), String.valueOf(r.year()), r.metric(), r.tier() == null ? null : r.tier().name(),
                        String.valueOf(r.target()));
            }
        }
        return render(user, listing, form, model);
    }

    @PostMapping("/ladder/targets")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String set(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year,
                      @RequestParam(required = false) String metric, @RequestParam(required = false) String tier,
                      @RequestParam(required = false) String value, HttpServletRequest request,
                      HttpServletResponse response, Model model) {
        TargetService.Input in = new TargetService.Input(region, year, metric, tier, value);
        try {
            TargetService.Row saved = targets.set(user, in, request.getRemoteAddr());
            return "redirect:/ladder/targets?year=" + saved.year() + "&saved=" + saved.id();
        } catch (BadParameterException e) {
            return failed(user, e, year, null, in, response, model);
        }
    }

    @PostMapping("/ladder/targets/departments")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String addDepartment(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String name,
                                @RequestParam(required = false) String year, HttpServletRequest request, HttpServletResponse response, Model model) {
        return departmentWrite(user, year, null, response, model, () -> {
            DepartmentTargets.Department d = departments.add(user, region, name, request.getRemoteAddr());
            return back(year, null, "department=" + d.id());
        });
    }

    @PostMapping("/ladder/targets/departments/{id}/delete")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String removeDepartment(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String year,
                                   @RequestParam(required = false) String region, HttpServletRequest request,
                                   HttpServletResponse response, Model model) {
        return departmentWrite(user, year, region, response, model, () -> {
            departments.remove(user, Params.requiredId("id", id), request.getRemoteAddr());
            return back(year, region, "removed=department");
        });
    }

    @PostMapping("/ladder/targets/department-targets")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String setDepartmentTarget(CurrentUser user, @RequestParam(required = false) String department, @RequestParam(required = false) String year,
                                      @RequestParam(required = false) String metric, @RequestParam(required = false) String tier,
                                      @RequestParam(required = false) String value, @RequestParam(required = false) String region,
                                      HttpServletRequest request, HttpServletResponse response, Model model) {
        return departmentWrite(user, year, region, response, model, () -> {
            DepartmentTargets.Row saved = departments.set(user, Params.requiredId("department", department),
                    new DepartmentTargets.Input(year, metric, tier, value), request.getRemoteAddr());
            return back(String.valueOf(saved.target().year()), region, "departmentTarget=" + saved.target().id());
        });
    }

    @PostMapping("/ladder/targets/department-targets/{id}/delete")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String removeDepartmentTarget(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String year,
                                         @RequestParam(required = false) String region, HttpServletRequest request,
                                         HttpServletResponse response, Model model) {
        return departmentWrite(user, year, region, response, model, () -> {
            departments.removeTarget(user, Params.requiredId("id", id), request.getRemoteAddr());
            return back(year, region, "removed=target");
        });
    }

    /** A department or department target that does not exist: 404 (the page of an unknown id). */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** Runs a department write; a bad field renders the page with the error (400) and the forms as sent. */
    private String departmentWrite(CurrentUser user, String year, String region, HttpServletResponse response, Model model,
                                   Supplier<String> write) {
        try {
            return write.get();
        } catch (BadParameterException e) {
            return failed(user, e, year, region, new TargetService.Input(null, year, null, null, null), response, model);
        }
    }

    private String failed(CurrentUser user, BadParameterException e, String year, String region, TargetService.Input form,
                          HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errorZh", e.messageZh());
        model.addAttribute("errorEn", e.messageEn());
        int y = Year.now(clock).getValue();
        try {
            y = LadderService.year("year", year);
        } catch (BadParameterException ignored) {
            // the form shows the error; the table falls back to the current year
        }
        String root = null;
        try {
            root = region == null || region.isBlank() ? null : Params.regionCode("region", region);
        } catch (BadParameterException ignored) {
            // the error shown is the first one; the page falls back to the caller's scope
        }
        TargetService.Listing listing;
        try {
            listing = targets.list(user, root, y);
        } catch (RuntimeException outside) {
            listing = targets.list(user, null, y);
        }
        return render(user, listing, form.region() == null ? new TargetService.Input(listing.region(), String.valueOf(y), form.metric(),
                form.tier(), form.value()) : form, model);
    }

    /** The page again, on the year and region the write came from. */
    private static String back(String year, String region, String flag) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/ladder/targets");
        if (year != null && year.matches("[0-9]{4}")) b.queryParam("year", year);
        if (region != null && region.matches("[0-9]{2,9}")) b.queryParam("region", region);
        return "redirect:" + b.build().toUriString() + (b.build().getQuery() == null ? "?" : "&") + flag;
    }

    private String render(CurrentUser user, TargetService.Listing listing, TargetService.Input form, Model model) {
        model.addAttribute("listing", listing);
        model.addAttribute("year", listing.year());
        model.addAttribute("region", listing.region());
        model.addAttribute("form", form);
        model.addAttribute("canEdit", user.role() == Role.ADMIN || user.role() == Role.BUREAU);
        model.addAttribute("metrics", targets.metrics());
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("departments", departments.list(user, listing.region(), listing.year()));
        return "ladder/targets";
    }
}
