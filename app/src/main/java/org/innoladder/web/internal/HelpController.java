package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;

import java.util.List;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 操作指南: what a role does, in order, each step with the page where it is done. Everyone reads their own role's
 * guide (linked from the home page and the menu); {@code ?role=} shows another role's, so an administrator can explain
 * any of them.
 */
@Controller
public class HelpController {
    /** One step of a guide: its text (a message key) and the page it happens on (null: no page). */
    public record Step(String key, String href) {
    }

    static final Map<Role, List<Step>> GUIDES = Map.of(
            Role.ADMIN, List.of(new Step("help.ADMIN.1", "/admin/users"), new Step("help.ADMIN.2", "/imports"),
                    new Step("help.ADMIN.3", "/evaluations"), new Step("help.ADMIN.4", null)),
            Role.BUREAU, List.of(new Step("help.BUREAU.1", "/imports"), new Step("help.BUREAU.2", "/evaluations"),
                    new Step("help.BUREAU.3", "/ladder"), new Step("help.BUREAU.4", "/policies"),
                    new Step("help.BUREAU.5", "/awards"), new Step("help.BUREAU.6", "/dashboard")),
            Role.TOWN, List.of(new Step("help.TOWN.1", "/ladder/town"), new Step("help.TOWN.2", "/awards?status=ENTERPRISE_CONFIRMED"),
                    new Step("help.TOWN.3", "/enterprises"), new Step("help.TOWN.4", "/dashboard")),
            Role.ENTERPRISE, List.of(new Step("help.ENTERPRISE.1", "/awards/mine"), new Step("help.ENTERPRISE.2", "/awards/mine"),
                    new Step("help.ENTERPRISE.3", null), new Step("help.ENTERPRISE.4", "/enterprises")),
            Role.BANK, List.of(new Step("help.BANK.1", "/enterprises"), new Step("help.BANK.2", "/points")),
            Role.EXPERT, List.of(new Step("help.EXPERT.1", "/reviews/mine"), new Step("help.EXPERT.2", "/reviews/mine")),
            Role.SOLVER, List.of(new Step("help.SOLVER.1", "/challenges/board"), new Step("help.SOLVER.2", "/challenges/applications")),
            Role.LEADER, List.of(new Step("help.LEADER.1", "/dashboard"), new Step("help.LEADER.2", "/ladder")));

    @GetMapping("/help")
    public String help(CurrentUser user, @RequestParam(required = false) String role, Model model) {
        Role shown = user.role();
        if (role != null && !role.isBlank()) {
            try {
                shown = Role.valueOf(role.strip());
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("role", role, "须为角色之一：" + List.of(Role.values()), "must be one of the roles " + List.of(Role.values()));
            }
        }
        model.addAttribute("role", shown);
        model.addAttribute("steps", GUIDES.getOrDefault(shown, List.of()));
        model.addAttribute("roles", Role.values());
        return "help";
    }
}
