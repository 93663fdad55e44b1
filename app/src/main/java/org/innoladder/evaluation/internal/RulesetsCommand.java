package org.innoladder.evaluation.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.UsageException;
import org.innoladder.rules.Reference;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;

/** {@code innoladder rulesets}: the built-in rulesets with their versions, titles, references and effective dates. */
public final class RulesetsCommand implements Command {

    @Override
    public String name() { return "rulesets"; }

    @Override
    public String usage() {
        return "rulesets   list the built-in rulesets with their references";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Args parsed = Args.parse(args, Set.of(), Set.of());
        if (!parsed.positional().isEmpty()) throw new UsageException("rulesets takes no arguments");
        for (RulesetInfo info : Rulesets.list()) {
            out.println(info.ref() + "  " + info.titleZh() + " / " + info.titleEn());
            out.println("  effective / 生效: " + info.effectiveFrom() + " – " + (info.effectiveTo() == null ? "" : info.effectiveTo()));
            for (Reference r : info.references()) {
                out.println("  reference / 依据: " + r.document() + (r.title() == null ? "" : " " + r.title())
                        + (r.clause() == null ? "" : " " + r.clause()) + " [trust: " + r.trust() + "]");
            }
        }
        return 0;
    }
}
