package org.innoladder.points.web;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.innoladder.rules.Unit;
import org.innoladder.rules.points.Group;
import org.innoladder.rules.points.Indicator;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.web.Figures;
import org.springframework.stereotype.Component;

/**
 * An innovation-points indicator's raw value in its unit ("5.9%", "94.35 万元", "3 项"), by the default model's
 * indicators; an indicator the default model does not know shows its number with two decimals. Templates call it
 * as {@code @pointsWords}.
 */
@Component("pointsWords")
public class PointsWords {
    private final Figures figures;
    private final Map<String, Unit> units;

    public PointsWords(Figures figures) {
        this.figures = figures;
        this.units = PointsModel.defaultModel().groups().stream().map(Group::indicators).flatMap(java.util.List::stream)
                .collect(Collectors.toMap(Indicator::id, Indicator::unit, (a, b) -> a));
    }

    public String value(String indicator, Double value, Locale locale) {
        if (value == null) return Figures.UNKNOWN;
        Unit unit = units.getOrDefault(indicator, Unit.NONE);
        if (unit == Unit.NONE && (value == 0.0 || value == 1.0) && "hnte_certified".equals(indicator)) {
            return figures.yesNo(value == 1.0, locale);
        }
        return figures.value(value, unit, locale);
    }
}
