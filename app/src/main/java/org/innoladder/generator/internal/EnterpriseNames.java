package org.innoladder.generator.internal;

/**
 * Invented Chinese company names, unique across a data set: 常州 + an invented word + an industry word +
 * 有限公司 or 股份有限公司. The invented word of enterprise k is a seeded bijection of k — two characters while
 * they last (9,900 words), three characters after that — so no two enterprises share a word and hence a name.
 */
final class EnterpriseNames {
    /** Characters common in company names; 市 is left out so that "常州" + word never reads as "常州市…". */
    static final String CHARS = "华瑞恒鑫盛达源泰丰宏晶创远航博睿智凯锐腾辉联安康美嘉信诚德天宇正隆兴昌明亚光中立金鼎骏"
            + "威迈捷卓越精工力海峰云山川汇通赛奥谷润泽星辰宝富祥和顺昊昇晟灏骐麟弘毅思图维久裕佳元利群英豪俊杰科合峻巍琦璟铭轩皓逸";
    private static final int C = CHARS.length();
    private static final long TWO = (long) C * (C - 1);
    private static final long THREE = (long) C * C * C;
    /** The most enterprises one data set can name uniquely. */
    static final long CAPACITY = TWO + THREE;

    private final Permutation two;
    private final Permutation three;

    EnterpriseNames(long seed) {
        two = new Permutation(TWO, Rng.mix(seed, 101));
        three = new Permutation(THREE, Rng.mix(seed, 103));
    }

    String name(long index, Industry industry, Rng rng) {
        String word = word(index);
        String industryWord = industry.nameWords().get(rng.below(industry.nameWords().size()));
        String form = rng.chance(0.12) ? "股份有限公司" : "有限公司";
        return "常州" + word + industryWord + form;
    }

    String word(long index) {
        if (index < TWO) {
            long p = two.apply(index);
            int first = (int) (p / (C - 1));
            int second = (int) (p % (C - 1));
            if (second >= first) second++; // two different characters
            return "" + CHARS.charAt(first) + CHARS.charAt(second);
        }
        long p = three.apply(index - TWO);
        return "" + CHARS.charAt((int) (p / (C * C))) + CHARS.charAt((int) (p / C % C)) + CHARS.charAt((int) (p % C));
    }
}
