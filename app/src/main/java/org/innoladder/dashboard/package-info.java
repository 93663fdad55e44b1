/**
 * The leaders' dashboard (政策执行看板): the ladder snapshot's figures for a region subtree and year, per child
 * region one level down and as enterprise lists behind every figure, within the caller's data scope.
 */
package org.innoladder.dashboard;
