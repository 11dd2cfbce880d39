package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.router.PromptSample;
import dev.breakeven.core.router.RouteDecision;
import dev.breakeven.core.router.RouteReason;
import dev.breakeven.core.router.RouteRequest;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.core.router.RoutingSimulation;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
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

/** {@code breakeven route}: which requests the hybrid rules send to the API, and what the resulting mix costs. */
@Command(name = "route", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Route prompts with the hybrid rules: each goes to the API or the local model, with the reasons.",
                "A prompts file has one prompt per line, or JSON lines {\"prompt\": …, \"turns\": N, \"tokens\": N}.",
                "With a workload (--preset, --scenario or the cost options) it prices the mix against all-local and",
                "all-API, at the share of prompt tokens routed to the API. Rules: docs/hybrid.md."})
final class RouteCommand implements Callable<Integer> {
    private final AppServices services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "one prompt to route") String prompt;
        @Option(names = "--prompts", paramLabel = "FILE", description = "a sample of prompts, one per line") Path prompts;
    }

    @Option(names = "--turns", paramLabel = "N", description = "earlier messages in --prompt's conversation (default 0)")
    int turns;
    @Option(names = "--rules", paramLabel = "FILE",
            description = "routing rules JSON (default: the saved rules, else the defaults)")
    Path rules;
    @Option(names = "--json", description = "print JSON") boolean json;
    @Mixin
    CostWorkloadOptions cost = new CostWorkloadOptions();

    RouteCommand(AppServices services) {
        this.services = services;
    }

    /** The --json shape. cost is null without a workload. */
    record Output(RoutingRules rules, List<PromptOutput> prompts, Summary summary, CostOutput cost) {
    }

    /** The three monthly figures and which is cheapest ("all local", "all API" or "mix"). */
    record CostOutput(double apiShare, double allLocalMonthlyUsd, double allApiMonthlyUsd, double mixMonthlyUsd,
                      String cheapest) {
        static CostOutput of(RoutingSimulation.MixCost c) {
            return c == null ? null : new CostOutput(c.apiShare(), c.allLocalMonthlyUsd(), c.allApiMonthlyUsd(),
                    c.mixMonthlyUsd(), c.cheapest());
        }
    }

    record PromptOutput(String prompt, String route, int promptTokens, List<String> reasons) {
    }

    record Summary(int requests, int apiRequests, double apiRequestShare, long apiTokens, long localTokens,
                   double apiTokenShare) {
    }

    @Override
    public Integer call() throws IOException, ScenarioException, PromptSample.SampleException {
        if (turns < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--turns must not be negative");
        }
        if (source.prompts != null && turns != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--turns goes with --prompt; a prompts file gives turns per line");
        }
        RoutingRules chosen = loadRules();
        List<RouteRequest> requests = source.prompt != null
                ? List.of(new RouteRequest(source.prompt, turns, null))
                : PromptSample.read(source.prompts);
        PointInputs workload = cost.workload().orElse(null);

        RoutingSimulation.Result result = RoutingSimulation.run(new Router(chosen), requests);
        RoutingSimulation.MixCost mix = workload == null ? null : RoutingSimulation.cost(result, workload);
        Output out = new Output(chosen, result.routed().stream().map(RouteCommand::promptOutput).toList(),
                new Summary(result.requests(), result.apiRequests(), result.apiRequestShare(), result.apiTokens(),
                        result.localTokens(), result.apiTokenShare()), CostOutput.of(mix));
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(w, out);
        } else {
            printText(w, out);
        }
        return 0;
    }

    private RoutingRules loadRules() throws IOException {
        if (rules != null) {
            if (!Files.isRegularFile(rules)) {
                throw new IllegalArgumentException("no rules file " + rules);
            }
            try {
                return RoutingRulesStore.parse(Files.readString(rules));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("rules file " + rules + ": " + firstLine(e));
            }
        }
        RoutingRulesStore.Loaded saved = RoutingRulesStore.inSettings(services.dirs().settings()).load();
        saved.note().ifPresent(note -> spec.commandLine().getErr().println("note: " + note));
        return saved.rules();
    }

    private static String firstLine(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static PromptOutput promptOutput(RoutingSimulation.Routed r) {
        RouteDecision d = r.decision();
        return new PromptOutput(r.request().prompt(), d.label(), d.promptTokens(),
                d.reasons().stream().map(RouteReason::text).toList());
    }

    private static void printText(PrintWriter w, Output o) {
        for (PromptOutput p : o.prompts()) {
            w.printf(Locale.ROOT, "%-5s  %s%n", p.route(), excerpt(p.prompt()));
            w.printf(Locale.ROOT, "       %s%n", String.join("; ", p.reasons()));
        }
        Summary s = o.summary();
        w.println();
        w.printf(Locale.ROOT, "To the API: %d of %d requests (%.1f%%), %,d of %,d prompt tokens (%.1f%%)%n",
                s.apiRequests(), s.requests(), s.apiRequestShare() * 100, s.apiTokens(),
                s.apiTokens() + s.localTokens(), s.apiTokenShare() * 100);
        CostOutput c = o.cost();
        if (c != null) {
            w.printf(Locale.ROOT, "Monthly at this workload: all local $%,.2f, all API $%,.2f, mix (%.1f%% to the API) $%,.2f"
                            + "; cheapest: %s%n", c.allLocalMonthlyUsd(), c.allApiMonthlyUsd(), c.apiShare() * 100,
                    c.mixMonthlyUsd(), c.cheapest());
        }
    }

    /** One line of at most 70 characters, so a long prompt does not flood the terminal. */
    static String excerpt(String prompt) {
        String line = prompt.replaceAll("\\s+", " ").strip();
        if (line.isEmpty()) {
            return "(empty prompt)";
        }
        return line.codePointCount(0, line.length()) <= 70 ? line
                : line.substring(0, line.offsetByCodePoints(0, 69)) + "…";
    }
}
