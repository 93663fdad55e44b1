package org.innoladder.rules.credit;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a claims file and their Chinese headers, and the reading of one row into a
 * {@link CompensationClaim}. Errors name the column, the value and the rule.
 */
public final class ClaimColumns {
    /** English name → Chinese header, in file order. */
    public static final Map<String, String> COLUMNS = columns();

    private ClaimColumns() {
    }

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("claim_id", "理赔编号");
        m.put("bank_code", "银行代码");
        m.put("loan_kind", "贷款类型");
        m.put("first_loan", "首贷");
        m.put("pure_credit_or_ip_pledge", "纯信用或知识产权质押");
        m.put("whitelisted", "白名单企业");
        m.put("new_credit_amount", "新增信贷金额");
        m.put("nonperforming_principal", "不良本金");
        m.put("bank_loss_total", "实际损失");
        m.put("bank_compensated_before", "已补偿金额");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The English column a header names (English or Chinese, case and surrounding space ignored), or null. */
    public static String column(String header) {
        if (header == null) return null;
        String h = header.strip().replace("\uFEFF", "");
        for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
            if (e.getKey().equalsIgnoreCase(h) || e.getValue().equals(h)) return e.getKey();
        }
        return null;
    }

    /** The headers a file lacks. */
    public static List<String> missing(java.util.Collection<String> columns) {
        return COLUMNS.keySet().stream().filter(c -> !columns.contains(c)).toList();
    }

    /** One row by English column name; {@link IllegalArgumentException} names the column and value. */
    public static CompensationClaim claim(Map<String, String> row) {
        String id = required(row, "claim_id");
        return new CompensationClaim(id, required(row, "bank_code"), parseKind(row.get("loan_kind")),
                bool(row, "first_loan"), bool(row, "pure_credit_or_ip_pledge"), bool(row, "whitelisted"),
                amount(row, "new_credit_amount"), amount(row, "nonperforming_principal"), amount(row, "bank_loss_total"),
                amount(row, "bank_compensated_before"));
    }

    private static CompensationClaim.LoanKind parseKind(String v) {
        return CompensationClaim.LoanKind.parse(v);
    }

    private static String required(Map<String, String> row, String col) {
        String v = row.get(col);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(col + ": a value is required");
        return v.strip();
    }

    static boolean bool(Map<String, String> row, String col) {
        String v = row.get(col);
        String t = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "y", "1", "是" -> true;
            case "false", "no", "n", "0", "否", "" -> false;
            default -> throw new IllegalArgumentException(col + ": '" + v + "' is not yes/no (true/false, 是/否)");
        };
    }

    static BigDecimal amount(Map<String, String> row, String col) {
        String v = row.get(col);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(col + ": an amount in yuan is required");
        BigDecimal d;
        try {
            d = new BigDecimal(v.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(col + ": '" + v + "' is not an amount in yuan");
        }
        if (d.signum() < 0) throw new IllegalArgumentException(col + ": '" + v + "' is negative");
        if (d.scale() > 2) throw new IllegalArgumentException(col + ": '" + v + "' has more than two decimals (fen)");
        return d;
    }
}
