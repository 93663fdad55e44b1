package org.innoladder.importer;

import java.util.List;

import org.innoladder.rules.facts.HeaderMatch;
import org.innoladder.rules.facts.RecognitionColumn;

/** What a file holds, decided from its headers. */
public enum FileKind {
    /** One enterprise in one accounting year per row (data dictionary). */
    ENTERPRISE_YEAR,
    /** Certificates held (kind, number, dates). */
    RECOGNITION;

    /** A file with a kind or certificate-number column and no year column holds recognitions. */
    public static FileKind detect(List<String> headers) {
        boolean year = false;
        boolean cert = false;
        for (String h : headers) {
            String n = HeaderMatch.normalise(h);
            if (n.equals("year") || n.equals(HeaderMatch.normalise("年度"))) year = true;
            for (RecognitionColumn c : List.of(RecognitionColumn.KIND, RecognitionColumn.CERTIFICATE_NO)) {
                if (n.equals(c.key()) || n.equals(HeaderMatch.normalise(c.headerZh()))) cert = true;
            }
        }
        return cert && !year ? RECOGNITION : ENTERPRISE_YEAR;
    }
}
