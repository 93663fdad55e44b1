package org.innoladder.rules.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A risk-compensation scheme (风险补偿方案) as data: the pool's share of the non-performing principal by loan kind,
 * the bonus for a first loan or a pure-credit / IP-pledge loan, the cumulative cap as a share of the lender's actual
 * loss, optional per-loan and per-bank caps, and the optional admission rule of the 如皋 variant (only new credit of
 * at least a minimum amount to white-list enterprises). Loaded from YAML by {@link CompensationSchemes}; every value
 * carries a note saying whether it is the cited document's figure or the project's default.
 *
 * <p>For one claim: share = base share of its kind + bonus (first loan or pure credit / IP pledge); raw = share ×
 * non-performing principal; then the cumulative cap (cap share × loss − already compensated, never below 0), the
 * per-loan cap and, across a batch, the per-bank cap each lower it. Amounts are rounded to the fen (half up).
 */
public record CompensationScheme(String code, String titleZh, String titleEn, List<Citation> citations,
                                 BigDecimal shareDirect, BigDecimal shareGuaranteed, BigDecimal bonus,
                                 BigDecimal cumulativeCap, BigDecimal perLoanCap, BigDecimal perBankCap,
                                 boolean whitelistOnly, BigDecimal minNewCredit, Map<String, String> notes) {

    /** A document the scheme follows, with how sure we are of it (official, secondary, example). */
    public record Citation(String document, String clause, String trust, String note) {
    }

    public Compensation compute(CompensationClaim c) {
        return compute(c, null);
    }

    /** Each claim in order; the per-bank cap counts what earlier claims of the same bank in the batch received. */
    public List<Compensation> computeAll(List<CompensationClaim> claims) {
        Map<String, BigDecimal> paidToBank = new HashMap<>();
        List<Compensation> out = new ArrayList<>();
        for (CompensationClaim c : claims) {
            BigDecimal before = paidToBank.getOrDefault(c.bankCode(), BigDecimal.ZERO);
            Compensation r = compute(c, before);
            paidToBank.put(c.bankCode(), before.add(r.amount()));
            out.add(r);
        }
        return out;
    }

    /**
     * @param paidToBankBefore what the bank already received under the per-bank cap (null: the per-bank cap is not
     *                         applied, e.g. for a single claim whose bank total the caller checks itself)
     */
    public Compensation compute(CompensationClaim c, BigDecimal paidToBankBefore) {
        List<String> zh = new ArrayList<>(), en = new ArrayList<>();
        if (whitelistOnly && !c.whitelisted()) {
            return zero(c, "方案仅补偿白名单企业的贷款，该企业不在白名单内，补偿 0 元",
                    "the scheme covers loans to white-list enterprises only; this enterprise is not on it: 0 yuan");
        }
        if (minNewCredit != null && c.newCreditAmount().compareTo(minNewCredit) < 0) {
            return zero(c, "新增信贷 " + yuan(c.newCreditAmount()) + " 低于方案门槛 " + yuan(minNewCredit) + "，补偿 0 元",
                    "new credit " + yuan(c.newCreditAmount()) + " is below the scheme's minimum " + yuan(minNewCredit) + ": 0 yuan");
        }
        BigDecimal base = c.loanKind() == CompensationClaim.LoanKind.DIRECT ? shareDirect : shareGuaranteed;
        boolean bonusApplies = c.firstLoan() || c.pureCreditOrIpPledge();
        BigDecimal share = bonusApplies ? base.add(bonus) : base;
        zh.add((c.loanKind() == CompensationClaim.LoanKind.DIRECT ? "直贷" : "担保贷款") + "补偿比例 " + pct(base)
                + (bonusApplies ? "，" + (c.firstLoan() ? "首贷" : "纯信用/知识产权质押") + "加 " + pct(bonus) + "，合计 " + pct(share) : ""));
        en.add((c.loanKind() == CompensationClaim.LoanKind.DIRECT ? "direct loan" : "guaranteed loan") + " share " + pct(base)
                + (bonusApplies ? ", plus " + pct(bonus) + " for a " + (c.firstLoan() ? "first loan" : "pure-credit/IP-pledge loan")
                + ", " + pct(share) + " in all" : ""));
        BigDecimal amount = money(c.nonperformingPrincipal().multiply(share));
        zh.add("不良本金 " + yuan(c.nonperformingPrincipal()) + " × " + pct(share) + " = " + yuan(amount));
        en.add("non-performing principal " + yuan(c.nonperformingPrincipal()) + " × " + pct(share) + " = " + yuan(amount));
        BigDecimal room = money(c.bankLossTotal().multiply(cumulativeCap)).subtract(c.bankCompensatedBefore()).max(BigDecimal.ZERO);
        if (amount.compareTo(room) > 0) {
            amount = room;
            zh.add("累计补偿不超过实际损失 " + yuan(c.bankLossTotal()) + " 的 " + pct(cumulativeCap) + "，已补偿 "
                    + yuan(c.bankCompensatedBefore()) + "，本次至多 " + yuan(room));
            en.add("cumulative compensation is at most " + pct(cumulativeCap) + " of the actual loss " + yuan(c.bankLossTotal())
                    + "; " + yuan(c.bankCompensatedBefore()) + " already paid, so at most " + yuan(room) + " now");
        }
        if (perLoanCap != null && amount.compareTo(perLoanCap) > 0) {
            amount = perLoanCap;
            zh.add("单笔贷款补偿上限 " + yuan(perLoanCap));
            en.add("per-loan cap " + yuan(perLoanCap));
        }
        if (perBankCap != null && paidToBankBefore != null) {
            BigDecimal bankRoom = perBankCap.subtract(paidToBankBefore).max(BigDecimal.ZERO);
            if (amount.compareTo(bankRoom) > 0) {
                amount = bankRoom;
                zh.add("单家银行补偿上限 " + yuan(perBankCap) + "，该行已获 " + yuan(paidToBankBefore) + "，本次至多 " + yuan(bankRoom));
                en.add("per-bank cap " + yuan(perBankCap) + "; the bank already received " + yuan(paidToBankBefore)
                        + ", so at most " + yuan(bankRoom));
            }
        }
        amount = money(amount);
        zh.add("补偿 " + yuan(amount));
        en.add("compensation " + yuan(amount));
        return new Compensation(c.claimId(), amount, share, String.join("；", zh), String.join("; ", en));
    }

    /**
     * The part of a recovery (追偿所得) that goes back to the pool: pro rata to what the pool bore of the loss, i.e.
     * recovered × compensated ÷ loss, never more than was compensated.
     */
    public static BigDecimal recoveryToPool(BigDecimal recovered, BigDecimal compensated, BigDecimal loss) {
        if (loss == null || loss.signum() <= 0 || compensated == null || compensated.signum() <= 0) return BigDecimal.ZERO.setScale(2);
        BigDecimal share = recovered.multiply(compensated).divide(loss, 2, RoundingMode.HALF_UP);
        return share.min(compensated).setScale(2, RoundingMode.HALF_UP);
    }

    private Compensation zero(CompensationClaim c, String zh, String en) {
        return new Compensation(c.claimId(), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO, zh, en);
    }

    static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    static String pct(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%";
    }

    static String yuan(BigDecimal v) {
        // grouped, as every figure a reader sees: 1,234,567.89 元
        return String.format(java.util.Locale.ROOT, "%,.2f 元", money(v));
    }
}
