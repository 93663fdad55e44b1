/** Benchmarks: JMH micro-benchmarks and command-line end-to-end benchmarks. Results go to docs/benchmarks.md. */
package org.innoladder.bench;
