package org.innoladder.identity.web;

import jakarta.servlet.http.HttpSession;

import org.innoladder.identity.internal.SsoLogin;
import org.innoladder.identity.internal.SsoRefusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; POST /login itself is handled by Spring Security's form login, single sign-on by its OAuth2 login. */
@Controller
public class LoginController {
    private final ObjectProvider<SsoLogin> sso;

    public LoginController(ObjectProvider<SsoLogin> sso) {
        this.sso = sso;
    }

    @GetMapping("/login")
    public String login(Authentication authentication, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        SsoLogin singleSignOn = sso.getIfAvailable();
        if (singleSignOn != null) model.addAttribute("ssoLoginUrl", singleSignOn.loginUrl());
        return "identity/login";
    }

    /** Why the identity provider's user was not let in, and what to ask the administrator. */
    @GetMapping(SsoLogin.REFUSED_PAGE)
    public String ssoRefused(HttpSession session, Model model) {
        if (!(session.getAttribute(SsoLogin.REFUSAL) instanceof SsoRefusal refusal)) return "redirect:/login";
        model.addAttribute("refusal", refusal);
        model.addAttribute("setting", refusal.setting());
        return "identity/sso-refused";
    }
}
