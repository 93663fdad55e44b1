package org.innoladder.ladder.target;

import java.time.Clock;
import java.time.Year;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.ladder.LadderService;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The targets page: table with progress and forecast, and (ADMIN, BUREAU) the form to add or edit a target. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class TargetPageController {
    private final TargetService targets;
    private final Clock clock;

    public TargetPageController(TargetService targets, Clock clock) {
        this.targets = targets;
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
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
            int y = Year.now(clock).getValue();
            try {
                y = LadderService.year("year", year);
            } catch (BadParameterException ignored) {
                // the form shows the error; the table falls back to the current year
            }
            return render(user, targets.list(user, null, y), in, model);
        }
    }

    private String render(CurrentUser user, TargetService.Listing listing, TargetService.Input form, Model model) {
        model.addAttribute("listing", listing);
        model.addAttribute("year", listing.year());
        model.addAttribute("region", listing.region());
        model.addAttribute("form", form);
        model.addAttribute("canEdit", user.role() == Role.ADMIN || user.role() == Role.BUREAU);
        model.addAttribute("metrics", targets.metrics());
        model.addAttribute("tiers", Tier.values());
        return "ladder/targets";
    }
}
