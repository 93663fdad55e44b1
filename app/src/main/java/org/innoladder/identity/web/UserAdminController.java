package org.innoladder.identity.web;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.ScopeDescriptions;
import org.innoladder.identity.internal.AccountLockout;
import org.innoladder.identity.internal.AppUser;
import org.innoladder.identity.internal.AppUserRepository;
import org.innoladder.identity.internal.JdbcScopeDirectory;
import org.innoladder.identity.internal.NewUserRules;
import org.innoladder.identity.internal.UserAdministration;
import org.innoladder.identity.internal.UserMessages;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /admin/users}: the user list, creating users, enabling and disabling them (platform admins only). */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
public class UserAdminController {
    private static final DateTimeFormatter LOCK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppUserRepository users;
    private final UserAdministration administration;
    private final ScopeDescriptions scopes;
    private final UserMessages userMessages;
    private final MessageSource messages;
    private final JdbcScopeDirectory directory;
    private final Clock clock;

    public UserAdminController(AppUserRepository users, UserAdministration administration, ScopeDescriptions scopes,
                               UserMessages userMessages, MessageSource messages, JdbcScopeDirectory directory,
                               Clock clock) {
        this.users = users;
        this.administration = administration;
        this.scopes = scopes;
        this.userMessages = userMessages;
        this.messages = messages;
        this.directory = directory;
        this.clock = clock;
    }

    /** One line of the list. */
    public record Row(long id, String username, String displayName, String role, String scope, boolean enabled,
                      String lockedUntil) {
    }

    /** The create form as typed (the password is never sent back to the page). */
    public record Form(String username, String password, String displayName, String role, String regionCode,
                       String creditCode, String bankCode) {
        static Form empty() {
            return new Form("", "", "", "BUREAU", "", "", "");
        }

        NewUserRules.Request request() {
            return new NewUserRules.Request(username, password, displayName, role, regionCode, creditCode, bankCode);
        }

        Form withoutPassword() {
            return new Form(username, "", displayName, role, regionCode, creditCode, bankCode);
        }
    }

    @GetMapping
    public String list(Model model, Locale locale) {
        if (!model.containsAttribute("form")) model.addAttribute("form", Form.empty());
        model.addAttribute("rows", rows(locale));
        model.addAttribute("roles", Role.values());
        model.addAttribute("banks", directory.banks());
        return "identity/users";
    }

    @PostMapping
    public String create(@ModelAttribute Form form, CurrentUser actor, HttpServletRequest request, Locale locale,
                         Model model, RedirectAttributes redirect) {
        UserAdministration.Outcome outcome = administration.create(form.request(), actor, request.getRemoteAddr());
        if (!outcome.violations().isEmpty()) {
            model.addAttribute("errors", userMessages.describe(outcome.violations(), locale));
            model.addAttribute("form", form.withoutPassword());
            return list(model, locale);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("users.created", new Object[] {form.request().username()}, locale));
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/enable")
    public String enable(@PathVariable long id, CurrentUser actor, HttpServletRequest request, Locale locale,
                         RedirectAttributes redirect) {
        return setEnabled(id, true, actor, request, locale, redirect);
    }

    @PostMapping("/{id}/disable")
    public String disable(@PathVariable long id, CurrentUser actor, HttpServletRequest request, Locale locale,
                          RedirectAttributes redirect) {
        return setEnabled(id, false, actor, request, locale, redirect);
    }

    private String setEnabled(long id, boolean enabled, CurrentUser actor, HttpServletRequest request, Locale locale,
                              RedirectAttributes redirect) {
        AppUser user = administration.find(id);
        List<NewUserRules.Violation> violations = administration.setEnabled(id, enabled, actor, request.getRemoteAddr());
        if (!violations.isEmpty()) {
            redirect.addFlashAttribute("errors", userMessages.describe(violations, locale));
        } else {
            redirect.addFlashAttribute("notice", messages.getMessage(enabled ? "users.enabledDone" : "users.disabledDone",
                    new Object[] {user.username()}, locale));
        }
        return "redirect:/admin/users";
    }

    private List<Row> rows(Locale locale) {
        ZoneId zone = clock.getZone();
        return users.findAll().stream().map(u -> new Row(u.id(), u.username(), u.displayName(),
                messages.getMessage("role." + u.role().name(), null, locale),
                scopes.describe(u.toCurrentUser(), locale), u.enabled(),
                AccountLockout.isLocked(u.lockedUntil(), clock.instant())
                        ? LOCK_TIME.format(u.lockedUntil().atZone(zone)) : null)).toList();
    }
}
