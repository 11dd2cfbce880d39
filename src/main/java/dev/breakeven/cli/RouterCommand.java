package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.router.LabelledSet;
import dev.breakeven.core.router.RouterEval;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code breakeven router eval}: the routing rules measured on the bundled labelled prompt set. */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = "Measure the hybrid router.", subcommands = RouterCommand.Eval.class)
final class RouterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Precision, recall and API share of the routing rules on the labelled set "
                    + "(docs/hybrid.md), swept over the local token limit, with the monthly cost of each setting.",
                    "Workload: --preset, --scenario or the cost options (default preset: consultancy-team-20)."})
    static final class Eval implements Callable<Integer> {
        static final String DEFAULT_PRESET = "consultancy-team-20";
        private final AppServices services;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--rules", paramLabel = "FILE", description = "routing rules JSON (default: the saved rules)")
        Path rules;
        @Option(names = "--json", description = "print JSON") boolean json;
        @Mixin
        CostWorkloadOptions cost = new CostWorkloadOptions();

        Eval(AppServices services) {
            this.services = services;
        }

        /** The --json shape: the set, the rules as saved, their own point, the 5%-rule point and the curve. */
        record Output(String set, int prompts, int needFrontier, String labelledOn, RoutingRules rules,
                      RouterEval.Point current, RouterEval.Point nearestFivePercent, List<RouterEval.Point> curve,
                      List<RouterEval.CategoryResult> categories, String publishedStudies) {
        }

        @Override
        public Integer call() throws IOException, ScenarioException {
            RoutingRules chosen = loadRules();
            PointInputs workload = cost.workload().orElseGet(() -> RouterEval.presetWorkload(DEFAULT_PRESET));
            LabelledSet set = LabelledSet.bundled();
            List<RouterEval.Point> curve = RouterEval.sweep(chosen, set.prompts(), RouterEval.DEFAULT_LIMITS, workload);
            RouterEval.Point current = RouterEval.evaluate(chosen, set.prompts(), workload);
            Output out = new Output(set.name(), set.prompts().size(),
                    (int) set.prompts().stream().filter(LabelledSet.Item::needsFrontier).count(), set.labelledOn(),
                    chosen, current, RouterEval.nearestShare(curve, 0.05), curve,
                    RouterEval.byCategory(chosen, set), RouterEval.ROUTE_LLM_NOTE);
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(w, out);
                return 0;
            }
            w.printf(Locale.ROOT, "%s: %d prompts, %d labelled needs-frontier (labelled %s)%n%n", out.set(),
                    out.prompts(), out.needFrontier(), out.labelledOn());
            w.printf(Locale.ROOT, "%-14s %9s %9s %7s %9s %13s%n", "local limit", "API share", "precision", "recall",
                    "accuracy", "mix $/month");
            for (RouterEval.Point p : curve) {
                w.println(row(p, ""));
            }
            w.println();
            w.println(row(current, "  <- your rules"));
            RouterEval.Point five = out.nearestFivePercent();
            w.println(row(five, "  <- nearest to the 5% rule"));
            if (current.mix() != null) {
                w.printf(Locale.ROOT, "%nAt this workload: all local $%,.0f/month, all API $%,.0f/month.%n",
                        current.mix().allLocalMonthlyUsd(), current.mix().allApiMonthlyUsd());
            }
            w.printf("%nBy category (your rules):%n");
            for (RouterEval.CategoryResult c : out.categories()) {
                w.printf(Locale.ROOT, "  %-15s %3d prompts, %3d need frontier, %3d sent to API, %3d right%n",
                        c.category(), c.prompts(), c.needFrontier(), c.toApi(), c.correct());
            }
            w.printf("%n%s%n", RouterEval.ROUTE_LLM_NOTE);
            return 0;
        }

        private static String row(RouterEval.Point p, String note) {
            String limit = p.maxLocalPromptTokens() == 0 ? "off" : String.format(Locale.ROOT, "%,d", p.maxLocalPromptTokens());
            return String.format(Locale.ROOT, "%-14s %8.1f%% %8.1f%% %6.1f%% %8.1f%% %13s%s", limit, p.apiShare() * 100,
                    p.precision() * 100, p.recall() * 100, p.accuracy() * 100,
                    p.mix() == null ? "-" : String.format(Locale.ROOT, "%,.0f", p.mix().mixMonthlyUsd()), note);
        }

        private RoutingRules loadRules() throws IOException {
            if (rules != null) {
                if (!Files.isRegularFile(rules)) {
                    throw new IllegalArgumentException("no rules file " + rules);
                }
                return RoutingRulesStore.parse(Files.readString(rules));
            }
            RoutingRulesStore.Loaded saved = RoutingRulesStore.inSettings(services.dirs().settings()).load();
            saved.note().ifPresent(note -> spec.commandLine().getErr().println("note: " + note));
            return saved.rules();
        }
    }
}
