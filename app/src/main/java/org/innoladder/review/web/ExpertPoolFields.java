package org.innoladder.review.web;

import org.innoladder.web.BadParameterException;

/** A field tag in a filter: 1–40 characters without control characters. */
final class ExpertPoolFields {
    private ExpertPoolFields() {
    }

    static String check(String field) {
        String f = field.strip();
        if (f.isEmpty() || f.length() > 40 || f.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameterException("field", f, "领域标签须为 1–40 个字符", "a field tag has 1 to 40 characters");
        }
        return f;
    }
}
