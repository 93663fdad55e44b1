package org.innoladder.award.internal;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.web.BadParameterException;

/**
 * The account an award is paid into. Awards go to the enterprise's own corporate account, so the account name
 * must be the enterprise's registered name; the number is 8 to 30 digits (spaces and dashes people type are
 * dropped).
 */
public record BankAccount(String name, String bank, String number) {

    /** Every rule the input breaks, one per field, in field order; empty when the account is acceptable. */
    public static List<BadParameterException> problems(String name, String bank, String number, String enterpriseName) {
        List<BadParameterException> out = new ArrayList<>();
        String n = strip(name);
        if (n.isEmpty()) {
            out.add(new BadParameterException("accountName", n, "户名不能为空", "the account name is required"));
        } else if (!n.equals(enterpriseName)) {
            out.add(new BadParameterException("accountName", n, "户名须与企业名称“" + enterpriseName + "”一致（奖励只拨付至企业对公账户）",
                    "must be the enterprise's registered name '" + enterpriseName + "' (awards go to its own account)"));
        }
        String b = strip(bank);
        if (b.length() < 4 || b.length() > 100) {
            out.add(new BadParameterException("accountBank", b, "开户行须为 4 至 100 个字符（如 中国银行常州武进支行）",
                    "the bank and branch must be 4 to 100 characters"));
        }
        String digits = normalise(number);
        if (!digits.matches("[0-9]{8,30}")) {
            out.add(new BadParameterException("accountNumber", strip(number), "银行账号须为 8 至 30 位数字",
                    "the account number must be 8 to 30 digits"));
        }
        return out;
    }

    /** The account, or {@link Invalid} naming every field that breaks a rule. */
    public static BankAccount of(String name, String bank, String number, String enterpriseName) {
        List<BadParameterException> p = problems(name, bank, number, enterpriseName);
        if (!p.isEmpty()) throw new Invalid(p);
        return new BankAccount(strip(name), strip(bank), normalise(number));
    }

    /** Every broken field at once: the first one is the exception's parameter, the messages list them all. */
    public static final class Invalid extends BadParameterException {
        private final List<BadParameterException> problems;

        Invalid(List<BadParameterException> problems) {
            super(problems.get(0).parameter(), problems.get(0).value(), problems.get(0).ruleZh(), problems.get(0).ruleEn());
            this.problems = List.copyOf(problems);
        }

        public List<BadParameterException> problems() { return problems; }

        @Override
        public String messageZh() {
            return String.join("；", problems.stream().map(BadParameterException::messageZh).toList());
        }

        @Override
        public String messageEn() {
            return String.join("; ", problems.stream().map(BadParameterException::messageEn).toList());
        }
    }

    /** The number with only its last four digits visible, for lists and history. */
    public String masked() {
        return number.length() <= 4 ? number : "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }

    static String normalise(String number) {
        return strip(number).replaceAll("[\\s-]", "");
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
