package org.innoladder.policy.web;

import org.innoladder.policy.internal.PolicyCatalogue;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Figures;
import org.innoladder.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Policies edited as a form ({@link PolicyForm}): a new policy at {@code /policies/form}, the next version of one at
 * {@code /policies/{id}/form}. "预览" shows the policy in sentences and checks it without saving; "保存" saves a new
 * version through the catalogue, exactly as the advanced YAML view does.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
public class PolicyFormController {
    private final PolicyCatalogue catalogue;
    private final Figures figures;
    private final org.innoladder.web.RegionNames regions;

    public PolicyFormController(PolicyCatalogue catalogue, Figures figures, org.innoladder.web.RegionNames regions) {
        this.catalogue = catalogue;
        this.figures = figures;
        this.regions = regions;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }

    @GetMapping("/policies/form")
    public String create(CurrentUser user, Model model) {
        model.addAttribute("regions", owners(user));
        return show(PolicyForm.blank(), null, null, model);
    }

    /** Who may own a new policy: the caller's region and its districts (a policy belongs to a city or district). */
    private java.util.List<org.innoladder.web.RegionNames.Choice> owners(CurrentUser user) {
        return regions.choices(user.scope()).stream().filter(c -> c.code().length() <= 6).toList();
    }

    @GetMapping("/policies/{id}/form")
    public String edit(CurrentUser user, @PathVariable long id, Model model) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        return show(PolicyForm.of(d.latest().policy()), d, null, model);
    }

    @PostMapping("/policies/form")
    public String saveNew(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String action,
                          HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        PolicyForm form = PolicyForm.of(request.getParameterMap());
        model.addAttribute("region", region);
        model.addAttribute("regions", owners(user));
        return submit(user, null, null, region, form, action, request, response, model, locale);
    }

    @PostMapping("/policies/{id}/form")
    public String save(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String action,
                       HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        PolicyForm form = PolicyForm.of(request.getParameterMap());
        form.code = d.summary().code();
        return submit(user, id, d, null, form, action, request, response, model, locale);
    }

    private String submit(CurrentUser user, Long id, PolicyCatalogue.Detail d, String region, PolicyForm form, String action,
                          HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        try {
            String yaml = form.toYaml();
            if ("preview".equals(action)) {
                PolicyCatalogue.check(yaml, "definition");
                model.addAttribute("preview", form.preview(figures, locale));
                model.addAttribute("awardPreview", form.awardPreview(figures, locale));
                return show(form, d, null, model);
            }
            PolicyCatalogue.Version v = catalogue.save(user, id, region, yaml, request.getRemoteAddr());
            return "redirect:/policies/" + v.policyId() + "?saved=" + v.version();
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(form, d, e, model);
        }
    }

    private String show(PolicyForm form, PolicyCatalogue.Detail d, BadParameterException error, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("detail", d);
        model.addAttribute("error", error);
        model.addAttribute("facts", PolicyForm.facts().values());
        model.addAttribute("ops", PolicyForm.Op.values());
        model.addAttribute("units", org.innoladder.rules.Unit.values());
        return "policy/form";
    }
}
