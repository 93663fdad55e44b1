package org.innoladder.identity.web;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUser;
import org.innoladder.identity.internal.AppUserRepository;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I (any signed-in caller) and the user list (admins), for API clients. */
@RestController
public class UserApiController {
    private final AppUserRepository users;

    public UserApiController(AppUserRepository users) {
        this.users = users;
    }

    /** The public part of a user: never the password hash. */
    public record UserView(long id, String username, String displayName, Role role, String regionCode,
                           Long enterpriseId, Long bankId, Boolean enabled) {
        static UserView of(CurrentUser u) {
            return new UserView(u.id(), u.username(), u.displayName(), u.role(), u.regionCode(), u.enterpriseId(),
                    u.bankId(), null);
        }

        static UserView of(AppUser u) {
            return new UserView(u.id(), u.username(), u.displayName(), u.role(), u.regionCode(), u.enterpriseId(),
                    u.bankId(), u.enabled());
        }
    }

    @GetMapping("/api/me")
    @io.swagger.v3.oas.annotations.Operation(summary = "The signed-in user: name, role and data scope")
    public UserView me(CurrentUser user) {
        return UserView.of(user);
    }

    @GetMapping("/api/admin/users")
    @io.swagger.v3.oas.annotations.Operation(summary = "ADMIN: every user with role, scope and whether enabled")
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserView> users() {
        return users.findAll().stream().map(UserView::of).toList();
    }
}
