package org.innoladder.web.internal;

import java.util.Locale;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.ScopeDescriptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: who is signed in, with which role and data scope, and where to go next. */
@Controller
public class HomeController {
    private final ScopeDescriptions scopes;
    private final JdbcClient jdbc;

    public HomeController(ScopeDescriptions scopes, JdbcClient jdbc) {
        this.scopes = scopes;
        this.jdbc = jdbc;
    }

    @GetMapping("/")
    public String home(CurrentUser user, Locale locale, Model model) {
        model.addAttribute("scope", scopes.describe(user, locale));
        if (user.enterpriseId() != null) {
            // an enterprise's own file is one click from home
            model.addAttribute("ownCode", jdbc.sql("SELECT credit_code FROM enterprise WHERE id = :id")
                    .param("id", user.enterpriseId()).query(String.class).optional().orElse(null));
        }
        return "home";
    }
}
