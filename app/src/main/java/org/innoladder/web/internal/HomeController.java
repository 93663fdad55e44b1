package org.innoladder.web.internal;

import java.util.Locale;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.ScopeDescriptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: who is signed in, with which role and data scope, and where to go next. */
@Controller
public class HomeController {
    private final ScopeDescriptions scopes;

    public HomeController(ScopeDescriptions scopes) {
        this.scopes = scopes;
    }

    @GetMapping("/")
    public String home(CurrentUser user, Locale locale, Model model) {
        model.addAttribute("scope", scopes.describe(user, locale));
        return "home";
    }
}
