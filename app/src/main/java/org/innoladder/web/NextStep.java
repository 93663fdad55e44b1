package org.innoladder.web;

import java.util.Locale;

/**
 * The message at the top of the page after an action (shared/UI.md, "After an action"): what happened, who acts next
 * and by when, as texts in both languages or as a message key with its arguments; the layout shows it in the page's
 * language. Controllers hand it over a redirect as the flash attribute {@link #ATTRIBUTE}.
 */
public record NextStep(String zh, String en, boolean warning, String key, Object[] args) {
    public static final String ATTRIBUTE = "done";

    public NextStep(String zh, String en, boolean warning) {
        this(zh, en, warning, null, new Object[0]);
    }

    public NextStep(String zh, String en) {
        this(zh, en, false);
    }

    /** A message of the bundles ({@code policy.published.next}) with its arguments. */
    public static NextStep of(String key, Object... args) {
        return new NextStep(null, null, false, key, args);
    }

    /**
     * Hands this message to the page after the redirect the current request answers with (the flash map that
     * {@code RedirectAttributes} also fills), so a controller needs no extra parameter for it.
     */
    public NextStep flash() {
        org.springframework.web.context.request.RequestAttributes a =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (a instanceof org.springframework.web.context.request.ServletRequestAttributes s) {
            org.springframework.web.servlet.support.RequestContextUtils.getOutputFlashMap(s.getRequest()).put(ATTRIBUTE, this);
        }
        return this;
    }

    public String text(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
    }
}
