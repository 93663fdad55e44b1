package org.innoladder.rules.points;

import java.util.List;

/** A first-level indicator group (技术创新 / 成长经营 / 辅助 in the default model). */
public record Group(String id, String zh, String en, List<Indicator> indicators) {
}
