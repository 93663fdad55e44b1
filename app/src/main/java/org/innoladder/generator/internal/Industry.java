package org.innoladder.generator.internal;

import java.util.List;

/**
 * One industry of the synthetic population: a GB/T 4754-2017 class and the typical figures of a Changzhou
 * enterprise in it. The figures are the generator's assumptions (plausible orders of magnitude), not statistics.
 *
 * @param code              GB/T 4754-2017 class code
 * @param nameZh            the class name
 * @param weight            relative share of enterprises
 * @param hnteDomain        the 高新技术领域 (01–08) of its technology firms, null for a traditional industry
 * @param medianRevenue     median sales revenue of a mature firm, yuan
 * @param revenueSpread     log-scale spread (sigma) of revenue around the median
 * @param rdIntensity       typical R&D expense ÷ sales revenue
 * @param techStaffRatio    typical S&T staff ÷ employees
 * @param revenuePerEmployee typical sales revenue per employee, yuan
 * @param margin            typical net margin
 * @param nameWords         words used in enterprise names (常州 + word + one of these + 有限公司)
 */
record Industry(String code, String nameZh, double weight, String hnteDomain, double medianRevenue,
                double revenueSpread, double rdIntensity, double techStaffRatio, double revenuePerEmployee,
                double margin, List<String> nameWords) {

    private static final double WAN = 10_000;

    static final List<Industry> ALL = List.of(
            new Industry("C3484", "机械零部件加工", 10, "08", 2500 * WAN, 1.0, 0.032, 0.14, 70 * WAN, 0.06,
                    List.of("精密机械", "机械科技", "传动科技")),
            new Industry("C3670", "汽车零部件及配件制造", 9, "08", 4000 * WAN, 1.1, 0.035, 0.15, 80 * WAN, 0.06,
                    List.of("汽车部件", "汽车零部件", "车辆科技")),
            new Industry("C3562", "半导体器件专用设备制造", 3, "08", 4500 * WAN, 1.2, 0.07, 0.30, 110 * WAN, 0.10,
                    List.of("半导体设备", "微电子装备", "精密装备")),
            new Industry("C3442", "泵及真空设备制造", 3, "08", 2000 * WAN, 1.0, 0.04, 0.16, 70 * WAN, 0.07,
                    List.of("流体设备", "泵业", "真空科技")),
            new Industry("C3841", "锂离子电池制造", 4, "06", 6000 * WAN, 1.3, 0.045, 0.20, 140 * WAN, 0.07,
                    List.of("新能源科技", "储能科技", "电池科技")),
            new Industry("C3825", "光伏设备及元器件制造", 3, "06", 8000 * WAN, 1.3, 0.04, 0.18, 160 * WAN, 0.06,
                    List.of("光伏科技", "光电能源", "太阳能科技")),
            new Industry("C3911", "计算机整机制造", 2, "01", 5000 * WAN, 1.2, 0.05, 0.25, 150 * WAN, 0.05,
                    List.of("计算机", "智能科技", "电子科技")),
            new Industry("C3976", "光电子器件制造", 3, "01", 3000 * WAN, 1.1, 0.06, 0.28, 100 * WAN, 0.08,
                    List.of("光电科技", "光电子", "激光科技")),
            new Industry("C3824", "电力电子元器件制造", 4, "01", 3500 * WAN, 1.1, 0.05, 0.22, 90 * WAN, 0.07,
                    List.of("电气科技", "电力电子", "电器")),
            new Industry("I6513", "应用软件开发", 8, "01", 600 * WAN, 1.2, 0.10, 0.60, 40 * WAN, 0.08,
                    List.of("软件", "信息科技", "网络科技", "数字科技")),
            new Industry("M7320", "工程和技术研究和试验发展", 5, "05", 400 * WAN, 1.1, 0.09, 0.55, 45 * WAN, 0.05,
                    List.of("科技发展", "技术研究院", "检测技术")),
            new Industry("C2720", "化学药品制剂制造", 2, "02", 6000 * WAN, 1.2, 0.07, 0.25, 120 * WAN, 0.12,
                    List.of("药业", "医药科技", "制药")),
            new Industry("C3581", "医疗诊断、监护及治疗设备制造", 3, "02", 2500 * WAN, 1.1, 0.07, 0.30, 80 * WAN, 0.10,
                    List.of("医疗器械", "医疗科技", "生物科技")),
            new Industry("C2651", "初级形态塑料及合成树脂制造", 4, "04", 5000 * WAN, 1.1, 0.035, 0.15, 200 * WAN, 0.06,
                    List.of("新材料", "高分子材料", "化工科技")),
            new Industry("N7721", "水污染治理", 2, "07", 1500 * WAN, 1.1, 0.04, 0.25, 60 * WAN, 0.08,
                    List.of("环保科技", "环境工程", "水处理科技")),
            new Industry("C3360", "金属表面处理及热处理加工", 7, null, 1200 * WAN, 1.0, 0.012, 0.06, 50 * WAN, 0.05,
                    List.of("表面处理", "热处理", "金属制品")),
            new Industry("C1713", "棉印染精加工", 6, null, 3000 * WAN, 1.1, 0.010, 0.05, 60 * WAN, 0.04,
                    List.of("纺织", "印染", "织造")),
            new Industry("F5179", "其他机械设备及电子产品批发", 12, null, 2000 * WAN, 1.3, 0.002, 0.03, 400 * WAN, 0.03,
                    List.of("贸易", "商贸", "机电设备")));

    private static final double[] WEIGHTS = ALL.stream().mapToDouble(Industry::weight).toArray();

    /** Whether firms of this industry are technology firms (have a 高新技术领域). */
    boolean tech() {
        return hnteDomain != null;
    }

    static Industry pick(Rng rng) {
        return ALL.get(rng.weighted(WEIGHTS));
    }

    static Industry byCode(String code) {
        return ALL.stream().filter(i -> i.code.equals(code)).findFirst().orElseThrow();
    }
}
