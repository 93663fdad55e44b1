package org.innoladder.identity.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Turns rule violations into sentences naming the field, the value and the rule, in the caller's language. */
@Component
public class UserMessages {
    private final MessageSource messages;

    public UserMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String describe(NewUserRules.Violation v, Locale locale) {
        String field = messages.getMessage("user.field." + v.field(), null, v.field(), locale);
        // passwords are never echoed back
        String value = "password".equals(v.field()) ? messages.getMessage("user.hidden", null, locale)
                : v.value() == null ? "" : v.value();
        String rule = messages.getMessage("user.rule." + v.rule(), null, v.rule(), locale);
        return messages.getMessage("user.error.format", new Object[] {field, value, rule}, locale);
    }

    public List<String> describe(List<NewUserRules.Violation> violations, Locale locale) {
        return violations.stream().map(v -> describe(v, locale)).toList();
    }
}
