/**
 * The towns' year-end assessment (考核): a ranking of the towns of a district or city by a scheme whose indicators and
 * weights are data (YAML with effective dates and a citation, {@code classpath:assessment/*.yaml}), each indicator the
 * completion rate of a town's target read through the ladder's published {@link org.innoladder.ladder.target.TargetService}
 * — so every metric a target may be set on, contributed ones included, can be assessed. docs/assessment.md.
 */
package org.innoladder.assessment;
