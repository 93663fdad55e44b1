package org.innoladder.web.internal;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.CurrentUserArgumentResolver;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the signed-in user (null on the login page) for the role-aware navigation. */
@ControllerAdvice(annotations = Controller.class)
public class LayoutModelAdvice {
    @ModelAttribute("currentUser")
    public CurrentUser currentUser() {
        return CurrentUserArgumentResolver.current();
    }
}
