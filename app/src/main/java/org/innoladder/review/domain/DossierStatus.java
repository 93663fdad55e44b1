package org.innoladder.review.domain;

/** The HNTE application dossier through the three levels (三级审查): the level it waits at, in words. */
public enum DossierStatus {
    SUBMITTED("待镇街完整性审核", "Awaiting the town's completeness check", "镇街", "town"),
    TOWN_CHECKED("待市/区硬性条件审核", "Awaiting the city/district hard-criteria check", "市/区", "city/district"),
    CITY_CHECKED("专家评审中", "In expert review", "专家", "experts"),
    SCORED("专家评分已入档", "Expert scores recorded", "完成", "done"),
    RETURNED("已退回补正", "Returned for correction", "申报单位", "applicant");

    private final String zh;
    private final String en;
    private final String levelZh;
    private final String levelEn;

    DossierStatus(String zh, String en, String levelZh, String levelEn) {
        this.zh = zh;
        this.en = en;
        this.levelZh = levelZh;
        this.levelEn = levelEn;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    public String levelZh() { return levelZh; }

    public String levelEn() { return levelEn; }
}
