package org.innoladder.rules;

import java.util.Locale;

/** A name in both languages of the pages: Simplified Chinese and English. */
public record Label(String zh, String en) {

    /** English when the locale is English, Chinese otherwise. */
    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && en != null ? en : zh;
    }

    public String in(boolean english) {
        return english && en != null ? en : zh;
    }
}
