package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.innoladder.credit.domain.LoanAction;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loan events a bank reports through the API, each with an idempotency key: the first report with a key is applied
 * and its answer stored; the same key with the same report again returns that answer and changes nothing; the same
 * key with a different report is refused (409). Reports with one key queue on a transaction-scoped advisory lock, so
 * two copies sent at once apply once.
 */
@Service
public class BankReports {
    /** The report types a bank may send, and the loan step each is. */
    public enum Type {
        REVIEW_STARTED(LoanAction.REVIEW), APPROVED(LoanAction.APPROVE), REJECTED(LoanAction.REJECT),
        CONTRACTED(LoanAction.CONTRACT), DISBURSED(LoanAction.DISBURSE), REPAYMENT(LoanAction.REPAY),
        CLOSED(LoanAction.CLOSE), OVERDUE(LoanAction.MARK_OVERDUE), NON_PERFORMING(LoanAction.MARK_NON_PERFORMING),
        RECOVERY(LoanAction.RECOVER);

        private final LoanAction action;

        Type(LoanAction action) {
            this.action = action;
        }

        public LoanAction action() { return action; }
    }

    public record Report(Type type, BigDecimal amount, LocalDate on, String note) {
    }

    public record Answer(Map<String, Object> body, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final Loans loans;
    private final RiskPools pools;
    private final JsonMapper json;

    public BankReports(JdbcClient jdbc, Loans loans, RiskPools pools, JsonMapper json) {
        this.jdbc = jdbc;
        this.loans = loans;
        this.pools = pools;
        this.json = json;
    }

    public static String key(String value) {
        String k = value == null ? "" : value.strip();
        if (!k.matches("[A-Za-z0-9._:-]{8,100}")) {
            throw new BadParameterException("Idempotency-Key", value, "须为 8–100 位字母、数字或 . _ : -（每份报告一个，重发时不变）",
                    "8 to 100 letters, digits or . _ : - (one per report, the same when sent again)");
        }
        return k;
    }

    @Transactional
    public Answer report(CurrentUser user, long loanId, String idempotencyKey, Report r, String ip) {
        if (user.role() != Role.BANK || user.bankId() == null) {
            throw new OutOfScopeException("bank", null, "只有银行可以报告贷款事件", "only a bank reports loan events", false);
        }
        String key = key(idempotencyKey);
        if (r.type() == null) throw new BadParameterException("type", "", "须填写事件类型", "the event type is required");
        String hash = ApiTokens.sha256(loanId + "|" + r.type() + "|" + (r.amount() == null ? "" : r.amount().stripTrailingZeros().toPlainString())
                + "|" + r.on() + "|" + (r.note() == null ? "" : r.note().strip()));
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))").param("k", user.bankId() + "/" + key).query().singleRow();
        record Stored(String hash, String response) {
        }
        Stored before = jdbc.sql("SELECT request_hash, response FROM bank_report WHERE bank_id = :bank AND idempotency_key = :key")
                .param("bank", user.bankId()).param("key", key).query((rs, n) -> new Stored(rs.getString(1), rs.getString(2)))
                .optional().orElse(null);
        if (before != null) {
            if (!before.hash().equals(hash)) {
                throw new CreditRefusedException("IDEMPOTENCY_KEY_REUSED", "幂等键 " + key + " 已用于另一份不同的报告",
                        "the idempotency key " + key + " was used for a different report");
            }
            return new Answer(json.readValue(before.response(), new TypeReference<Map<String, Object>>() { }), true);
        }
        Loans.Step step = loans.act(user, loanId, r.type().action(), r.amount(), r.note(), r.on(), ip);
        if (r.type() == Type.RECOVERY) pools.recovered(user, loanId, r.amount(), ip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loanId", loanId);
        body.put("type", r.type().name());
        body.put("from", step.from().name());
        body.put("to", step.to().name());
        jdbc.sql("""
                INSERT INTO bank_report (bank_id, idempotency_key, request_hash, loan_id, response)
                VALUES (:bank, :key, :hash, :loan, :response)""")
                .param("bank", user.bankId()).param("key", key).param("hash", hash).param("loan", loanId)
                .param("response", json.writeValueAsString(body)).update();
        return new Answer(body, false);
    }
}
