package org.innoladder.rules.points;

/**
 * A life-cycle stage (初创期/成长期/稳定期 in the default model). Stages are tried in file order; the first
 * whose condition holds is the enterprise's stage, and the last stage has no condition (it takes the rest).
 *
 * @param condition the CEL source of the condition, null for the last stage
 */
public record Stage(String id, String zh, String en, String condition) {
}
