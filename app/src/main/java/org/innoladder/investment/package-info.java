/**
 * 科技招商 projects: the pipeline 线索 → 洽谈 → 签约 → 落地 → 投产 (or 终止 with a reason) of each project a town
 * owns, as an explicit state machine ({@link org.innoladder.investment.domain.InvestmentWorkflow}) with persisted
 * history; imported from CSV/XLSX with Chinese headers through the resources module's registry reader (a row-level
 * report, re-imports idempotent), listed, exported and changed within the caller's {@link org.innoladder.identity.DataScope},
 * and audited. The enterprise is linked by credit code once it registers. docs/investment.md.
 */
package org.innoladder.investment;
