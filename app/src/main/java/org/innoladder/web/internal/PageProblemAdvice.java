package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUserArgumentResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad input on a page: 400 with the error page naming the parameter, the value and the rule in the user's language
 * (templates/error.html), logged as one WARN line. Whatever a page controller does not handle itself is a real
 * fault and stays a 500 logged with its trace. The API's twin is {@link ApiProblemAdvice}, which runs first for
 * {@code @RestController}s (their classes are {@code @Controller}s too).
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageProblemAdvice {
    static final String VIEW = "error";

    @ExceptionHandler(BadParameterException.class)
    public String badParameter(BadParameterException e, HttpServletRequest request, HttpServletResponse response,
                               Model model) {
        BadInput.log(request, e);
        return render(e, response, model);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public String typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request,
                               HttpServletResponse response, Model model) {
        return badParameter(Params.typeMismatch(e.getName(), e.getValue(), e.getRequiredType()), request, response, model);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public String missing(MissingServletRequestParameterException e, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        return badParameter(Params.missing(e.getParameterName()), request, response, model);
    }

    /** The error page's model for a bad parameter. */
    static String render(BadParameterException e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        // an exception handler's model starts empty: the layout's signed-in user is not in it by itself
        model.addAttribute("currentUser", CurrentUserArgumentResolver.current());
        model.addAttribute("status", HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("badParameter", e);
        return VIEW;
    }
}
