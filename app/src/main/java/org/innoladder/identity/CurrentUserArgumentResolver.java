package org.innoladder.identity;

import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.internal.SsoPrincipal;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take a {@link CurrentUser} parameter; an unauthenticated call never reaches them. */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    /** The signed-in user, or null when the caller is anonymous. */
    public static CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AppUserDetails details) {
            return details.currentUser();
        }
        if (auth != null && auth.getPrincipal() instanceof SsoPrincipal sso) {
            return sso.currentUser();
        }
        return null;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        CurrentUser user = current();
        if (user == null) {
            throw new org.springframework.security.access.AccessDeniedException("not signed in");
        }
        return user;
    }
}
