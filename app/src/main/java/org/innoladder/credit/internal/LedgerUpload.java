package org.innoladder.credit.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.credit.domain.LoanAction;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.importer.Rejection;
import org.innoladder.importer.TableReader;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A bank's monthly ledger (台账), CSV or Excel, read through the importer's bounded readers: one row per loan with its
 * status and outstanding principal at the month's end. Each row is applied on its own, as the one step that leads
 * from the loan's current state to the stated one (or a repayment when the status is unchanged and the principal
 * fell); a row that cannot be applied is reported with its line, column, value and reason and the good rows are kept.
 */
@Service
public class LedgerUpload {
    /** English column → Chinese header. */
    static final Map<String, String> COLUMNS = Map.of("loan_id", "贷款编号", "status", "状态", "outstanding", "贷款余额",
            "date", "日期");

    public record Report(int rows, int applied, int unchanged, List<Rejection> rejections) {
    }

    private final Loans loans;
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public LedgerUpload(Loans loans, JdbcClient jdbc, AuditTrail audit) {
        this.loans = loans;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    static String column(String header) {
        String h = header == null ? "" : header.strip().replace("\uFEFF", "");
        for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
            if (e.getKey().equalsIgnoreCase(h) || e.getValue().equals(h)) return e.getKey();
        }
        return null;
    }

    static LoanStatus status(String text) {
        String t = text == null ? "" : text.strip();
        for (LoanStatus s : LoanStatus.values()) {
            if (s.name().equalsIgnoreCase(t) || s.zh().equals(t) || s.en().equalsIgnoreCase(t)) return s;
        }
        return null;
    }

    /** The one step from one state to another, or null when none leads there directly. */
    static LoanAction stepTo(LoanStatus from, LoanStatus to) {
        for (LoanAction a : LoanAction.values()) {
            if (a == LoanAction.WITHDRAW || a == LoanAction.ACCEPT || a == LoanAction.CLAIM || a == LoanAction.CLAIM_REFUSED
                    || a == LoanAction.COMPENSATE || a == LoanAction.RECOVER) continue;
            if (org.innoladder.credit.domain.LoanWorkflow.from(a).contains(from)
                    && org.innoladder.credit.domain.LoanWorkflow.target(a, from) == to && from != to) return a;
        }
        return null;
    }

    public Report upload(CurrentUser user, Path file, String originalName, String ip) throws UnreadableFileException {
        if (user.role() != Role.BANK || user.bankId() == null) {
            throw new OutOfScopeException("bank", null, "只有银行可以上传台账", "only a bank uploads its ledger", false);
        }
        List<Rejection> rejections = new ArrayList<>();
        int rows = 0, applied = 0, unchanged = 0;
        try (TableReader reader = TableReader.open(file, originalName)) {
            Map<String, Integer> index = new HashMap<>();
            List<String> header = reader.header();
            for (int i = 0; i < header.size(); i++) {
                String c = column(header.get(i));
                if (c != null) index.put(c, i);
            }
            for (String required : List.of("loan_id", "status")) {
                if (!index.containsKey(required)) {
                    throw new UnreadableFileException("台账缺少列：" + COLUMNS.get(required) + "（" + required + "）",
                            "the ledger lacks the column " + required + " (" + COLUMNS.get(required) + ")");
                }
            }
            for (TableReader.RawRow row; (row = reader.next()) != null; ) {
                if (row.blank()) continue;
                rows++;
                try {
                    switch (apply(user, row, index, ip)) {
                        case APPLIED -> applied++;
                        case UNCHANGED -> unchanged++;
                    }
                } catch (RowError e) {
                    rejections.add(new Rejection(row.line(), e.column, e.value, e.zh, e.en, Rejection.Severity.ERROR));
                } catch (CreditRefusedException e) {
                    rejections.add(new Rejection(row.line(), "status", text(row, index, "status"), e.messageZh(), e.messageEn(),
                            Rejection.Severity.ERROR));
                } catch (NotFoundException e) {
                    rejections.add(new Rejection(row.line(), "loan_id", text(row, index, "loan_id"), "本行没有这笔贷款",
                            "your bank has no such loan", Rejection.Severity.ERROR));
                }
            }
        } catch (IOException e) {
            throw new UnreadableFileException("无法读取台账：" + originalName, "cannot read the ledger: " + originalName, e);
        }
        audit.record(user.username(), "credit.ledger.upload", "bank:" + user.bankId(),
                "rows=" + rows + "; applied=" + applied + "; rejected=" + rejections.size(), ip);
        return new Report(rows, applied, unchanged, rejections);
    }

    enum Outcome { APPLIED, UNCHANGED }

    static final class RowError extends RuntimeException {
        final String column, value, zh, en;

        RowError(String column, String value, String zh, String en) {
            super(en);
            this.column = column;
            this.value = value;
            this.zh = zh;
            this.en = en;
        }
    }

    static String text(TableReader.RawRow row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null || i >= row.cells().length || row.cells()[i] == null) return null;
        Object v = row.cells()[i];
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (v instanceof LocalDateTime t) return t.toLocalDate().toString();
        return v.toString().strip();
    }

    private Outcome apply(CurrentUser user, TableReader.RawRow row, Map<String, Integer> index, String ip) {
        String idText = text(row, index, "loan_id");
        long loanId;
        try {
            loanId = Long.parseLong(idText == null ? "" : idText);
        } catch (NumberFormatException e) {
            throw new RowError("loan_id", idText, "贷款编号须为数字", "the loan number must be a number");
        }
        String statusText = text(row, index, "status");
        LoanStatus target = status(statusText);
        if (target == null) {
            throw new RowError("status", statusText, "不是贷款状态（如 还款中、逾期、不良、已结清）",
                    "not a loan status (e.g. REPAYING, OVERDUE, NON_PERFORMING, CLOSED)");
        }
        String outText = text(row, index, "outstanding");
        BigDecimal outstanding = null;
        if (outText != null && !outText.isEmpty()) {
            try {
                outstanding = new BigDecimal(outText.replace(",", ""));
            } catch (NumberFormatException e) {
                throw new RowError("outstanding", outText, "贷款余额须为金额（元）", "the outstanding principal must be an amount in yuan");
            }
            if (outstanding.signum() < 0 || outstanding.scale() > 2) {
                throw new RowError("outstanding", outText, "贷款余额须不小于 0、至多两位小数", "the outstanding principal is at least 0, two decimals at most");
            }
        }
        String dateText = text(row, index, "date");
        LocalDate date = null;
        if (dateText != null && !dateText.isEmpty()) {
            try {
                date = LocalDate.parse(dateText);
            } catch (RuntimeException e) {
                throw new RowError("date", dateText, "日期格式须为 YYYY-MM-DD", "the date must be YYYY-MM-DD");
            }
        }
        Loans.Loan l = loans.get(user, loanId);
        if (l.status() == target) {
            BigDecimal now = l.outstanding() == null ? BigDecimal.ZERO : l.outstanding();
            if (outstanding != null && outstanding.compareTo(now) < 0 && target == LoanStatus.REPAYING) {
                loans.act(user, loanId, LoanAction.REPAY, now.subtract(outstanding), "台账", date, ip);
                return Outcome.APPLIED;
            }
            return Outcome.UNCHANGED;
        }
        LoanAction step = stepTo(l.status(), target);
        if (step == null) {
            throw new RowError("status", statusText, "贷款当前为“" + l.status().zh() + "”，不能直接变为“" + target.zh() + "”",
                    "the loan is " + l.status().name() + " and cannot become " + target.name() + " in one step");
        }
        BigDecimal amount = switch (step) {
            case APPROVE -> l.requested();
            case DISBURSE -> l.approved() == null ? l.requested() : l.approved();
            case REPAY -> {
                BigDecimal now = l.outstanding() == null ? BigDecimal.ZERO : l.outstanding();
                BigDecimal paid = outstanding == null ? BigDecimal.ZERO : now.subtract(outstanding);
                yield paid.signum() > 0 ? paid : new BigDecimal("0.01").min(now.max(new BigDecimal("0.01")));
            }
            default -> null;
        };
        loans.act(user, loanId, step, amount, step == LoanAction.REJECT ? "台账：拒绝" : null, date, ip);
        if (outstanding != null && step != LoanAction.REPAY && step != LoanAction.CLOSE && step != LoanAction.DISBURSE) {
            jdbc.sql("UPDATE loan SET outstanding_yuan = :o, updated_at = now() WHERE id = :id AND bank_id = :bank")
                    .param("o", outstanding).param("id", loanId).param("bank", user.bankId()).update();
        }
        return Outcome.APPLIED;
    }
}
