package org.innoladder.web;

import java.util.Locale;

/**
 * Messages stored in both languages at once ("评估完成：… / evaluated …", as runs record them for the log and the
 * CLI): pages show the half in their own language.
 */
public final class Bilingual {
    private Bilingual() {
    }

    public static String pick(String message, Locale locale) {
        if (message == null) return null;
        int split = message.indexOf(" / ");
        if (split < 0) return message;
        boolean en = locale != null && "en".equals(locale.getLanguage());
        return en ? message.substring(split + 3) : message.substring(0, split);
    }
}
