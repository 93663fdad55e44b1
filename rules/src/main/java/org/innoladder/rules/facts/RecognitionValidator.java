package org.innoladder.rules.facts;

import org.innoladder.rules.ladder.Tier;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.rules.facts.Cells.CellException;

/**
 * Validates one row of a recognitions (certificates) file. A missing expiry date stays unknown except for
 * HNTE, whose certificate is valid three years from issue (standards §1.3).
 */
public final class RecognitionValidator {
    private static final RecognitionColumn[] COLUMNS = RecognitionColumn.values();
    private final LocalDate today;

    public RecognitionValidator(Clock clock) {
        this.today = LocalDate.now(clock);
    }

    public RowResult<Recognition> validate(Map<RecognitionColumn, ?> cells) {
        Object[] byOrdinal = new Object[COLUMNS.length];
        cells.forEach((c, v) -> byOrdinal[c.ordinal()] = v);
        return validate(byOrdinal);
    }

    /** @param cells raw cells indexed by {@link RecognitionColumn#ordinal()} */
    public RowResult<Recognition> validate(Object[] cells) {
        List<FieldError> errors = new ArrayList<>(2);
        String code = null;
        Tier kind = null;
        String number = null;
        LocalDate issued = null;
        LocalDate expires = null;
        String issuer = null;
        for (RecognitionColumn c : COLUMNS) {
            Object cell = c.ordinal() < cells.length ? cells[c.ordinal()] : null;
            String text = Cells.text(cell);
            if (text == null) {
                if (c.required()) {
                    errors.add(new FieldError(c.key(), null, c.headerZh() + "为必填项，不能为空",
                            c.key() + " is required and must not be empty"));
                }
                continue;
            }
            if (text.length() > c.maxLength()) {
                errors.add(Cells.tooLong(c.key(), c.headerZh(), text, c.maxLength()));
                continue;
            }
            try {
                switch (c) {
                    case CREDIT_CODE -> {
                        String upper = text.toUpperCase(Locale.ROOT);
                        var problem = CreditCode.check(upper);
                        if (problem.isPresent()) {
                            throw new CellException("无效：" + problem.get().zh(), "is invalid: " + problem.get().en());
                        }
                        code = upper;
                    }
                    case KIND -> {
                        kind = Tier.fromText(text);
                        if (kind == null) {
                            throw new CellException("不是已知类别（如 HNTE/高新技术企业、TSME/科技型中小企业）",
                                    "is not a known kind (e.g. HNTE, TSME, GAZELLE, LITTLE_GIANT)");
                        }
                    }
                    case CERTIFICATE_NO -> number = text;
                    case ISSUED_ON -> {
                        LocalDate d = Cells.date(cell);
                        if (d.isAfter(today)) {
                            throw new CellException("晚于今天（" + today + "）", "is in the future (today is " + today + ")");
                        }
                        issued = d;
                    }
                    case EXPIRES_ON -> expires = Cells.date(cell);
                    case ISSUER -> issuer = text;
                }
            } catch (CellException e) {
                errors.add(new FieldError(c.key(), text, c.headerZh() + "“" + text + "”" + e.zh(),
                        c.key() + " '" + text + "' " + e.en()));
            }
        }
        if (issued != null && expires != null && expires.isBefore(issued)) {
            errors.add(new FieldError(RecognitionColumn.EXPIRES_ON.key(), expires.toString(),
                    "有效期至 " + expires + " 早于发证日期 " + issued,
                    "expires_on " + expires + " is before issued_on " + issued));
        }
        if (!errors.isEmpty()) return RowResult.invalid(errors);
        if (expires == null && kind == Tier.HNTE) expires = issued.plusYears(3);
        return RowResult.valid(new Recognition(code, kind, number, issued, expires, issuer));
    }
}
