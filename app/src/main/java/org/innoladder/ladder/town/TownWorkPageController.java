package org.innoladder.ladder.town;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages of town work: my enterprises, and one enterprise's work page with its forms. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class TownWorkPageController {
    private final TownWorkService town;

    public TownWorkPageController(TownWorkService town) {
        this.town = town;
    }

    @GetMapping("/ladder/town")
    public String mine(CurrentUser user, Model model) {
        model.addAttribute("lines", town.mine(user));
        model.addAttribute("today", town.today());
        return "ladder/town";
    }

    @GetMapping("/ladder/town/{creditCode}")
    public String work(CurrentUser user, @PathVariable String creditCode, Model model) {
        return render(user, creditCode, model);
    }

    @PostMapping("/ladder/town/{creditCode}/assign")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String assign(CurrentUser user, @PathVariable String creditCode, @RequestParam(required = false) String assistant,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        return write(user, creditCode, response, model, () -> town.assign(user, creditCode, assistant, request.getRemoteAddr()));
    }

    @PostMapping("/ladder/town/{creditCode}/visit")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String visit(CurrentUser user, @PathVariable String creditCode, @RequestParam(required = false) String visitedOn,
                        @RequestParam(required = false) String summary, @RequestParam(required = false) String nextSteps,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        return write(user, creditCode, response, model,
                () -> town.visit(user, creditCode, visitedOn, summary, nextSteps, request.getRemoteAddr()));
    }

    @PostMapping("/ladder/town/{creditCode}/action")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String action(CurrentUser user, @PathVariable String creditCode, @RequestParam(required = false) String description,
                         @RequestParam(required = false) String owner, @RequestParam(required = false) String dueOn,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        return write(user, creditCode, response, model,
                () -> town.addAction(user, creditCode, description, owner, dueOn, request.getRemoteAddr()));
    }

    @PostMapping("/ladder/town/{creditCode}/action/{id}/done")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    public String done(CurrentUser user, @PathVariable String creditCode, @PathVariable long id,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        return write(user, creditCode, response, model, () -> town.done(user, creditCode, id, request.getRemoteAddr()));
    }

    /** Runs a change; on success back to the work page, on a rule broken the page again with the error (400). */
    private String write(CurrentUser user, String creditCode, HttpServletResponse response, Model model, Supplier<?> change) {
        try {
            TownWorkNextStep.after(change.get()).flash();
            return "redirect:/ladder/town/" + URLEncoder.encode(creditCode, StandardCharsets.UTF_8);
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
            return render(user, creditCode, model);
        }
    }

    private String render(CurrentUser user, String creditCode, Model model) {
        model.addAttribute("work", town.work(user, creditCode));
        model.addAttribute("canEdit", user.role() != Role.LEADER);
        return "ladder/town-work";
    }

    /** Outside the scope or absent: the same 404, never a hint. */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
