package org.innoladder.web;

import java.util.List;
import java.util.Locale;

/**
 * Headers and values of an exported sheet in the language of the page it was exported from: Chinese unless English.
 * Codes (credit codes, region codes, tier codes) keep columns of their own, named as code columns.
 */
public final class SheetWords {
    private final boolean english;

    private SheetWords(boolean english) {
        this.english = english;
    }

    public static SheetWords of(Locale locale) {
        return new SheetWords(locale != null && "en".equals(locale.getLanguage()));
    }

    public boolean english() {
        return english;
    }

    /** The Chinese or the English word. */
    public String w(String zh, String en) {
        return english ? en : zh;
    }

    /** Headers given as zh, en, zh, en, …. */
    public List<String> headers(String... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("headers come in zh/en pairs");
        String[] out = new String[pairs.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = english ? pairs[2 * i + 1] : pairs[2 * i];
        return List.of(out);
    }
}
