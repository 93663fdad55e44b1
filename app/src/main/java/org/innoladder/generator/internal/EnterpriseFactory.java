package org.innoladder.generator.internal;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.Recognition;
import org.innoladder.generator.SyntheticEnterprise;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.ladder.Tier;

/**
 * Builds enterprise k of a data set from its own random stream ({@code Rng.mix(seed, k)}): nothing depends on
 * other enterprises, so the result is the same whatever order or thread enterprises are generated in.
 * All figures are the generator's modelling assumptions, documented in docs/demo-data.md.
 */
public final class EnterpriseFactory {
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final long CODE_SPACE = 10_000_000L;
    private static final double WAN = 10_000;
    private static final double YI = 100_000_000;
    private static final double USD_CNY = 7.1;

    private final GeneratorSettings settings;
    private final ChangzhouRegions regions = ChangzhouRegions.get();
    private final EnterpriseNames names;
    private final Permutation codeBodies;
    /** The enterprise that grows into a unicorn (valuation ≥ US$1bn), or −1 in small data sets. */
    private final int unicornIndex;

    public EnterpriseFactory(GeneratorSettings settings) {
        this.settings = settings;
        this.names = new EnterpriseNames(settings.seed());
        this.codeBodies = new Permutation(CODE_SPACE, Rng.mix(settings.seed(), 7));
        this.unicornIndex = settings.enterprises() >= 1000 && settings.toYear() - GeneratorSettings.FIRST_FOUNDING_YEAR >= 6
                ? (int) Math.floorMod(Rng.mix(settings.seed(), 11), (long) settings.enterprises()) : -1;
    }

    public SyntheticEnterprise enterprise(int k) {
        Rng rng = new Rng(Rng.mix(settings.seed(), 1_000_003L + k));
        int from = settings.fromYear();
        int to = settings.toYear();
        boolean unicorn = k == unicornIndex;

        Industry industry = unicorn ? Industry.byCode(List.of("I6513", "C3562", "C3841").get(rng.below(3))) : Industry.pick(rng);
        int span = to - GeneratorSettings.FIRST_FOUNDING_YEAR;
        int age = unicorn ? rng.between(3, Math.min(6, span)) : (int) StrictMath.floor((span + 1) * StrictMath.pow(rng.uniform(), 1.2));
        int foundedYear = Math.max(GeneratorSettings.FIRST_FOUNDING_YEAR, to - Math.min(age, span));
        // founded in the last year: early in it, so the row is never dated after its own year's first quarter
        LocalDate foundedOn = foundedYear == to
                ? LocalDate.of(to, 1, 1).plusDays(rng.below(90))
                : LocalDate.ofYearDay(foundedYear, 1 + rng.below(LocalDate.of(foundedYear, 1, 1).lengthOfYear()));

        String regionCode = regions.pick(rng, rng.chance(0.05));
        String creditCode = creditCode(k, regionCode.substring(0, 6), foundedYear, rng);
        String name = names.name(k, industry, rng);

        SyntheticEnterprise.Growth growth;
        double r = rng.uniform();
        if (unicorn || r < 0.03) growth = SyntheticEnterprise.Growth.GAZELLE;
        else if (r < 0.15) growth = SyntheticEnterprise.Growth.DECLINING;
        else growth = SyntheticEnterprise.Growth.STEADY;

        boolean tech = industry.tech();
        boolean hnteTrack = unicorn || (tech && rng.chance(0.40));
        boolean venture = unicorn || (tech && to - foundedYear <= 12
                && rng.chance(growth == SyntheticEnterprise.Growth.GAZELLE ? 0.6 : 0.01));

        // firm-level character
        double scale = Rng.clamp(rng.logNormal(industry.medianRevenue(), industry.revenueSpread()), 50 * WAN, 300 * YI);
        if (unicorn) scale *= 4;
        double rdIntensity = tech || rng.chance(0.6) ? industry.rdIntensity() * rng.logNormal(1, 0.4) : 0;
        if (hnteTrack) rdIntensity = Math.max(rdIntensity, scale <= 5000 * WAN ? rng.between(0.052, 0.08) : rng.between(0.041, 0.07));
        rdIntensity = Rng.clamp(rdIntensity, 0, 0.115);
        double techRatio = Rng.clamp(industry.techStaffRatio() * rng.logNormal(1, 0.3), 0.01, 0.9);
        if (hnteTrack) techRatio = Math.max(techRatio, rng.between(0.12, 0.3));
        double rdStaffShare = rng.between(0.5, 0.9);
        double productivity = industry.revenuePerEmployee() * rng.logNormal(1, 0.35);
        double margin = industry.margin() + rng.normal(0, 0.04)
                - (growth == SyntheticEnterprise.Growth.DECLINING ? 0.03 : 0);
        double assetRatio = rng.logNormal(0.9, 0.35);
        double debtRatio = rng.between(0.2, 0.7);
        double mainShare = rng.chance(0.3) ? 1.0 : rng.between(0.85, 1.0);
        double otherIncomeShare = rng.between(0, 0.04);
        double hightechShare = hnteTrack ? rng.between(0.62, 0.95)
                : tech ? rng.between(0.1, 0.7) : rng.chance(0.8) ? 0 : rng.between(0, 0.2);
        double domesticShare = rng.chance(0.7) ? 1.0 : rng.between(0.8, 1.0);
        boolean ipOwnRd = rng.chance(0.92);
        double ip1Rate = hnteTrack ? 0.3 : tech ? 0.05 : 0.01;
        double ip2Rate = hnteTrack ? 2.5 : tech ? 1.2 : 0.3;
        double conversionRate = hnteTrack ? 2.5 : tech ? 0.8 : 0.1;
        boolean listed = !unicorn && rng.chance(scale > 2 * YI ? 0.06 : 0.001);

        String institution = "none";
        double inst = rng.uniform();
        if (tech && inst < 0.005) institution = "national";
        else if (tech && inst < 0.055) institution = "provincial";
        else if (inst < (tech ? 0.175 : 0.02)) institution = "city";
        int institutionYear = rng.between(Math.max(foundedYear + 2, from - 8), to + 2);
        boolean award = tech && rng.chance(0.004);
        int awardYear = award ? rng.between(from - 4, to) : 0;
        boolean standard = tech && rng.chance(0.02);
        int standardYear = standard ? rng.between(from - 4, to) : 0;

        // HNTE certificates: first application after a year of operation, renewed every three years or lapsed
        List<Integer> hnteYears = new ArrayList<>();
        if (hnteTrack) {
            int first = Math.max(foundedYear + 1, 2008);
            if (first <= to) {
                // first certificates lean early: most HNTEs of today have held the title for a while
                int c = unicorn ? first : first + (int) ((to - first + 1) * StrictMath.pow(rng.uniform(), 1.5));
                while (c <= to) {
                    hnteYears.add(c);
                    int next = c + 3;
                    if (!rng.chance(0.85)) {
                        if (!rng.chance(0.5)) break;
                        next += rng.between(1, 2);
                    }
                    c = next;
                }
            }
        }

        // revenue path
        int start = Math.max(from, foundedYear);
        int years = to - start + 1;
        double[] revenue = new double[years];
        double trend = switch (growth) {
            case GAZELLE -> rng.between(0.3, 0.6);
            case DECLINING -> rng.between(-0.15, -0.03);
            case STEADY -> rng.normal(0.06, 0.05);
        };
        for (int i = 0; i < years; i++) {
            int y = start + i;
            int a = y - foundedYear;
            if (i == 0) {
                double ramp = Math.min(1, 0.15 + 0.17 * a);
                if (growth == SyntheticEnterprise.Growth.GAZELLE) ramp = Math.min(ramp, 0.4);
                double part = y == foundedYear ? Math.max(0.1, 1 - (foundedOn.getDayOfYear() - 1) / 365.0) : 1;
                revenue[i] = scale * ramp * part;
            } else {
                double g = growth == SyntheticEnterprise.Growth.GAZELLE
                        ? trend + rng.normal(0, 0.05)
                        : trend + rng.normal(0, 0.08) + (a <= 3 ? rng.between(0.1, 0.5) : 0);
                if (a == 1) g += 0.5; // the founding year was a part year
                revenue[i] = revenue[i - 1] * (1 + Math.max(-0.5, g));
            }
            revenue[i] = Math.max(5 * WAN, revenue[i]);
        }

        double valuationMultiple = rng.logNormal(8, 0.7);
        if (unicorn) valuationMultiple = Math.max(valuationMultiple, 1.25e9 * USD_CNY / revenue[years - 1] * rng.between(1, 1.4));
        int firstRound = venture ? (unicorn ? start : rng.between(start, to)) : Integer.MAX_VALUE;

        List<FactRow> rows = new ArrayList<>(years);
        int ip1 = rng.poisson(ip1Rate * Math.min(start - foundedYear, 10));
        int ip2 = rng.poisson(ip2Rate * Math.min(start - foundedYear, 10));
        boolean badCredit = false;
        for (int i = 0; i < years; i++) {
            int y = start + i;
            boolean certified = false;
            for (int c : hnteYears) certified |= c <= y && y <= c + 2;

            long sales = cents(revenue[i]);
            long main = Math.round(sales * mainShare);
            long totalIncome = Math.round(sales * (1 + otherIncomeShare));
            double share = Rng.clamp(hightechShare + rng.normal(0, 0.03), 0, 1);
            if (certified) share = Math.max(share, rng.between(0.6, 0.7));
            long hightech = Math.round(totalIncome * share);
            double m = Rng.clamp(margin + rng.normal(0, 0.03) - (y == foundedYear ? 0.1 : 0), -0.4, 0.35);
            long profit = Math.round(sales * m * (m > 0 ? 0.85 : 1));
            long costs = Math.round(sales * (1 - m));
            long assets = Math.round(sales * assetRatio * rng.logNormal(1, 0.05));
            long liabilities = Math.round(assets * Rng.clamp(debtRatio + rng.normal(0, 0.03), 0.02, 1.1));
            int employees = (int) Math.max(3, Math.round(revenue[i] / productivity * rng.logNormal(1, 0.04)));
            int techStaff = (int) Math.min(employees, Math.round(employees * Rng.clamp(techRatio * rng.logNormal(1, 0.05), 0, 1)));
            int rdStaff = (int) Math.min(techStaff, Math.round(techStaff * rdStaffShare));
            long rd = Math.round(sales * Rng.clamp(rdIntensity * rng.logNormal(1, 0.1), 0, 0.12));
            long rdDomestic = Math.round(rd * domesticShare);
            if (i > 0) {
                ip1 += rng.poisson(ip1Rate);
                ip2 += rng.poisson(ip2Rate);
            }
            int conversions = rng.poisson(conversionRate);
            Long valuation = null;
            long equity = 0;
            if (y >= firstRound) {
                valuation = Math.round(revenue[i] / USD_CNY * valuationMultiple * rng.logNormal(1, 0.1));
                if (y == firstRound || rng.chance(0.4)) equity = Math.round(valuation * USD_CNY * rng.between(0.08, 0.2) * 100);
            } else if (rng.chance(0.01)) {
                equity = Math.round(sales * rng.between(0.05, 0.3));
            }
            boolean incident = rng.chance(0.004);
            badCredit = badCredit ? rng.chance(0.5) : rng.chance(0.008);

            FactRow.Builder b = FactRow.builder()
                    .set(Column.CREDIT_CODE, creditCode)
                    .set(Column.NAME, name)
                    .set(Column.REGION_CODE, regionCode)
                    .set(Column.INDUSTRY_CODE, industry.code())
                    .set(Column.HNTE_DOMAIN, industry.hnteDomain())
                    .set(Column.FOUNDED_ON, foundedOn)
                    .set(Column.LISTED, listed)
                    .set(Column.YEAR, y)
                    .set(Column.EMPLOYEES, employees)
                    .set(Column.TECH_STAFF, techStaff)
                    .set(Column.RD_STAFF, rdStaff)
                    .set(Column.SALES_REVENUE, money(sales))
                    .set(Column.MAIN_BUSINESS_REVENUE, money(main))
                    .set(Column.TOTAL_INCOME, money(totalIncome))
                    .set(Column.HIGHTECH_INCOME, money(hightech))
                    .set(Column.TOTAL_ASSETS, money(assets))
                    .set(Column.TOTAL_LIABILITIES, money(liabilities))
                    .set(Column.TOTAL_COSTS, money(costs))
                    .set(Column.NET_PROFIT, money(profit))
                    .set(Column.RD_EXPENSE, money(rd))
                    .set(Column.RD_EXPENSE_DOMESTIC, money(rdDomestic))
                    .set(Column.IP_CLASS1, ip1)
                    .set(Column.IP_CLASS2, ip2)
                    .set(Column.IP_OWN_RD, ip1 + ip2 > 0 && ipOwnRd)
                    .set(Column.CONVERSIONS, conversions)
                    .set(Column.EQUITY_FINANCING, money(equity))
                    .set(Column.VALUATION_USD, valuation == null ? null : money(valuation * 100))
                    .set(Column.MAJOR_INCIDENT, incident)
                    .set(Column.BAD_CREDIT, badCredit)
                    .set(Column.HNTE_CERTIFIED, certified)
                    .set(Column.RD_INSTITUTION_LEVEL, y >= institutionYear ? institution : "none")
                    .set(Column.NATIONAL_AWARD_5Y, award && y >= awardYear && y - awardYear < 5)
                    .set(Column.LED_STANDARD_5Y, standard && y >= standardYear && y - standardYear < 5);
            if (hnteTrack && rng.chance(0.3)) {
                // the HNTE candidates a city has pre-reviewed: experts have scored them, mostly well
                b.set(Column.HNTE_TECH_ADVANCEMENT, rng.between(6, 8))
                        .set(Column.HNTE_CORE_SUPPORT, rng.between(6, 8))
                        .set(Column.HNTE_RD_MANAGEMENT, rng.between(15, 20))
                        .set(Column.HNTE_STANDARDS_BONUS, rng.between(0, 2));
            } else if (tech && rng.chance(0.15)) { // expert judgement is known for a few other pre-reviewed firms
                b.set(Column.HNTE_TECH_ADVANCEMENT, rng.between(3, 8))
                        .set(Column.HNTE_CORE_SUPPORT, rng.between(3, 8))
                        .set(Column.HNTE_RD_MANAGEMENT, rng.between(8, 20))
                        .set(Column.HNTE_STANDARDS_BONUS, rng.between(0, 2));
            }
            rows.add(b.build());
        }

        List<Recognition> recognitions = recognitions(k, creditCode, regionCode.substring(0, 6), tech, hnteYears,
                rows, rdIntensity, scale, start, foundedYear, listed, rng);
        return new SyntheticEnterprise(k, creditCode, name, regionCode, industry.code(), foundedOn, growth, tech,
                List.copyOf(rows), recognitions);
    }

    private List<Recognition> recognitions(int k, String creditCode, String county, boolean tech, List<Integer> hnteYears,
                                           List<FactRow> rows, double rdIntensity, double scale, int start, int foundedYear,
                                           boolean listed, Rng rng) {
        int from = settings.fromYear();
        int to = settings.toYear();
        List<Recognition> out = new ArrayList<>();
        for (int c : hnteYears) {
            if (c + 2 < from) continue; // expired before the data set's first year
            LocalDate issued = LocalDate.of(c, 11, 1).plusDays(rng.below(50));
            out.add(new Recognition(creditCode, Tier.HNTE,
                    String.format(java.util.Locale.ROOT, "GR%d32%06d", c, sequence(k, c, 1_000_000)),
                    issued, issued.plusYears(3).minusDays(1), Recognition.HNTE_ISSUER));
        }
        if (tech && rng.chance(0.6)) { // registers as a tech SME in the years it qualifies, most of them
            for (FactRow row : rows) {
                boolean small = row.integer(Column.EMPLOYEES) <= 500
                        && row.money(Column.SALES_REVENUE).compareTo(BigDecimal.valueOf(200_000_000)) <= 0
                        && row.money(Column.TOTAL_ASSETS).compareTo(BigDecimal.valueOf(200_000_000)) <= 0;
                if (small && rng.chance(0.85)) {
                    int y = row.year();
                    LocalDate issued = LocalDate.of(y, 4, 1).plusDays(rng.below(150));
                    out.add(new Recognition(creditCode, Tier.TSME,
                            String.format(java.util.Locale.ROOT, "%d%s%08d", y, county, sequence(k, y, 100_000_000)),
                            issued, LocalDate.of(y, 12, 31), Recognition.TSME_ISSUER));
                }
            }
        }
        int innovativeFrom = Math.max(2022, start);
        if (tech && rdIntensity >= 0.03 && innovativeFrom <= to && rng.chance(0.08)) {
            int y = rng.between(innovativeFrom, to);
            LocalDate issued = LocalDate.of(y, 9, 1).plusDays(rng.below(100));
            out.add(new Recognition(creditCode, Tier.INNOVATIVE_SME,
                    String.format(java.util.Locale.ROOT, "CXZX%d32%06d", y, sequence(k, y + 5000, 1_000_000)),
                    issued, issued.plusYears(3).minusDays(1), Recognition.SME_ISSUER));
        }
        int specialisedFrom = Math.max(2019, start);
        if (tech && scale >= 1500 * WAN && specialisedFrom <= to && rng.chance(0.03)) {
            int y = rng.between(specialisedFrom, to);
            LocalDate issued = LocalDate.of(y, 6, 1).plusDays(rng.below(120));
            out.add(new Recognition(creditCode, Tier.SPECIALISED_SME,
                    String.format(java.util.Locale.ROOT, "ZJTX%d32%06d", y, sequence(k, y + 9000, 1_000_000)),
                    issued, issued.plusYears(3).minusDays(1), Recognition.SME_ISSUER));
        }
        growthLadder(k, creditCode, rows, foundedYear, listed, out, rng);
        miitUpperRungs(k, creditCode, rows, out);
        out.sort(Comparator.comparing(Recognition::issuedOn).thenComparing(Recognition::kind));
        return List.copyOf(out);
    }

    /**
     * Gazelle and unicorn-ladder titles, each granted (not always: a city recognises most, not all, who qualify) in the
     * year after the rows show the enterprise meeting the rulesets' conditions, so a title never contradicts the facts:
     * a gazelle's revenue grew more than 20% a year over four years from at least 1,000万 and grew last year
     * (Yancheng 2022 form); valuations in US dollars meet the Jiangsu 2025 and Changzhou 2024 lines.
     */
    private void growthLadder(int k, String creditCode, List<FactRow> rows, int foundedYear, boolean listed,
                              List<Recognition> out, Rng rng) {
        int to = settings.toYear();
        java.util.Map<Integer, FactRow> byYear = new java.util.HashMap<>();
        for (FactRow r : rows) byYear.put(r.year(), r);
        boolean gazelle = false, seed = false, potential = false, unicorn = false;
        for (FactRow row : rows) {
            int y = row.year();
            if (y + 1 > to) break;
            FactRow y1 = byYear.get(y - 1), y4 = byYear.get(y - 4);
            BigDecimal revenue = row.money(Column.SALES_REVENUE);
            if (!gazelle && y1 != null && y4 != null && revenue != null) {
                BigDecimal base = y4.money(Column.SALES_REVENUE), last = y1.money(Column.SALES_REVENUE);
                if (base != null && last != null && base.compareTo(BigDecimal.valueOf(10_000_000)) >= 0
                        && revenue.doubleValue() / base.doubleValue() > 2.0736 && revenue.compareTo(last) > 0 && rng.chance(0.7)) {
                    gazelle = true;
                    add(out, creditCode, Tier.GAZELLE, "DL", y + 1, k, 7000, 1, Recognition.GAZELLE_ISSUER, rng);
                }
            }
            BigDecimal valuation = row.money(Column.VALUATION_USD);
            if (valuation == null || listed) continue;
            double usd = valuation.doubleValue();
            if (!unicorn && foundedYear >= 2008 && usd > 1e9 && rng.chance(0.9)) {
                unicorn = true;
                add(out, creditCode, Tier.UNICORN, "DJS", y + 1, k, 8000, 3, Recognition.UNICORN_ISSUER, rng);
            } else if (!potential && !unicorn && (foundedYear >= 2020 && usd >= 5e7 || foundedYear >= 2015 && foundedYear <= 2019 && usd > 1e8)
                    && rng.chance(0.7)) {
                potential = true;
                add(out, creditCode, Tier.POTENTIAL_UNICORN, "QZDJS", y + 1, k, 8100, 3, Recognition.UNICORN_ISSUER, rng);
            } else if (!seed && !potential && !unicorn && (foundedYear >= 2019 && usd * USD_CNY >= 1e8
                    || foundedYear >= 2014 && foundedYear <= 2018 && usd * USD_CNY > 2e8) && rng.chance(0.6)) {
                seed = true;
                add(out, creditCode, Tier.SEED_UNICORN, "ZZDJS", y + 1, k, 8200, 2, Recognition.SEED_UNICORN_ISSUER, rng);
            }
        }
    }

    /**
     * 专精特新 and 专精特新"小巨人" under the 2026 measures, granted (to most, not all, who qualify) in the year after a
     * row meets the data conditions of {@code specialised_sme@2026} / {@code little_giant@2026} while the enterprise
     * holds the lower title on 31 December of that year and is at least three years old (the years in its niche), so
     * a title never contradicts the facts. Firms already strong enough for 小巨人 apply for 专精特新 more often (0.8
     * against 0.25), as the stronger applicants do. Its own random stream: these titles change nothing else of the enterprise.
     */
    private void miitUpperRungs(int k, String creditCode, List<FactRow> rows, List<Recognition> out) {
        Rng rng = new Rng(Rng.mix(settings.seed(), 2_000_003L + k));
        java.util.Map<Integer, FactRow> byYear = new java.util.HashMap<>();
        for (FactRow r : rows) byYear.put(r.year(), r);
        for (FactRow row : rows) {
            int y = row.year();
            if (y + 1 > settings.toYear() || row.date(Column.FOUNDED_ON).plusYears(3).isAfter(LocalDate.of(y, 12, 31))) continue;
            FactRow y1 = byYear.get(y - 1), y2 = byYear.get(y - 2);
            if (!holds(out, Tier.SPECIALISED_SME, y) && !holds(out, Tier.LITTLE_GIANT, y)
                    && (holds(out, Tier.INNOVATIVE_SME, y) || holds(out, Tier.TSME, y))
                    && MiitFacts.specialised(row, y1) && rng.chance(MiitFacts.littleGiant(row, y1, y2) ? 0.8 : 0.25)) {
                add(out, creditCode, Tier.SPECIALISED_SME, "SZJTX", y + 1, k, 9500, 3, Recognition.SME_ISSUER, rng);
            } else if (!holds(out, Tier.LITTLE_GIANT, y) && holds(out, Tier.SPECIALISED_SME, y)
                    && MiitFacts.littleGiant(row, y1, y2) && rng.chance(0.8)) {
                add(out, creditCode, Tier.LITTLE_GIANT, "XJR", y + 1, k, 9600, 3, Recognition.LITTLE_GIANT_ISSUER, rng);
            }
        }
    }

    private static boolean holds(List<Recognition> out, Tier kind, int year) {
        LocalDate end = LocalDate.of(year, 12, 31);
        return out.stream().anyMatch(r -> r.kind() == kind && !r.issuedOn().isAfter(end) && !r.expiresOn().isBefore(end));
    }

    private void add(List<Recognition> out, String creditCode, Tier kind, String prefix, int year, int k, int salt,
                     int validYears, String issuer, Rng rng) {
        LocalDate issued = LocalDate.of(year, 5, 1).plusDays(rng.below(150));
        out.add(new Recognition(creditCode, kind,
                String.format(java.util.Locale.ROOT, "%s%d32%06d", prefix, year, sequence(k, year + salt, 1_000_000)),
                issued, issued.plusYears(validYears).minusDays(1), issuer));
    }

    /** A serial number unique per (year, kind) across the data set: a seeded bijection of the enterprise index. */
    private int sequence(int k, int salt, int size) {
        return (int) new Permutation(size, Rng.mix(settings.seed(), salt)).apply(k);
    }

    /**
     * A valid code unique in the data set: 9 (market regulation), 1 (enterprise), the county's division code, and an
     * organisation body built from a unique 7-digit core — 8 digits for firms registered before the 2015 reform,
     * "MA" + 6 characters for the newer ones, as real codes look.
     */
    private String creditCode(int k, String county, int foundedYear, Rng rng) {
        long core = codeBodies.apply(k);
        String body;
        if (foundedYear >= 2016) {
            StringBuilder sb = new StringBuilder("MA").append(CODE_ALPHABET.charAt(rng.below(CODE_ALPHABET.length())));
            char[] tail = new char[5];
            for (int i = 4; i >= 0; i--) {
                tail[i] = CODE_ALPHABET.charAt((int) (core % 31));
                core /= 31;
            }
            body = sb.append(tail).toString();
        } else {
            body = (char) ('0' + rng.below(10)) + String.format(java.util.Locale.ROOT, "%07d", core);
        }
        return CreditCode.complete("91" + county + body);
    }

    private static long cents(double yuan) {
        return Math.round(yuan * 100);
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
