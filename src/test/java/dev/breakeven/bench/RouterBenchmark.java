package dev.breakeven.bench;

import dev.breakeven.core.router.RouteRequest;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingSimulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Time to route a 10,000-prompt sample with the default rules, as the Hybrid page does on every edit
 * (target: under 100 ms, so the share follows typing). Prompts are 3 to 600 words from a fixed vocabulary,
 * about one in ten holding a hard phrase. Run with {@code ./mvnw -o -q test-compile exec:exec -Dbench=RouterBenchmark}.
 */
public final class RouterBenchmark {
    private static final String[] WORDS = {"the", "report", "please", "summarise", "email", "meeting", "customer",
            "numbers", "quarter", "draft", "reply", "about", "schedule", "improve", "proven", "budget", "table",
            "notes", "translate", "paragraph", "étape", "schnell", "данные"};
    private static final String[] HARD = {"prove", "refactor", "legal", "step by step"};
    private static final int PROMPTS = 10_000;

    private RouterBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(42);
        List<RouteRequest> sample = new ArrayList<>(PROMPTS);
        long chars = 0;
        for (int i = 0; i < PROMPTS; i++) {
            int words = 3 + (int) Math.round(Math.exp(random.nextDouble() * Math.log(600)));
            int hardAt = random.nextInt(10) == 0 ? random.nextInt(words) : -1;
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < words; w++) {
                s.append(w == 0 ? "" : " ")
                        .append(w == hardAt ? HARD[random.nextInt(HARD.length)] : WORDS[random.nextInt(WORDS.length)]);
            }
            chars += s.length();
            sample.add(RouteRequest.of(s.toString()));
        }
        Router router = new Router(RoutingRules.defaults());
        long best = Long.MAX_VALUE;
        RoutingSimulation.Result result = null;
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            result = RoutingSimulation.run(router, sample);
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            if (round == 0) {
                System.out.printf("first (cold) round: %.1f ms%n", elapsed / 1e6);
            }
        }
        System.out.printf("RouterBenchmark: %,d prompts (%,d characters), best of 20 rounds %.1f ms (%.2f µs per prompt), "
                        + "target < 100 ms; %.1f%% of requests and %.1f%% of tokens to the API%n", PROMPTS, chars,
                best / 1e6, best / 1e3 / PROMPTS, result.apiRequestShare() * 100, result.apiTokenShare() * 100);
    }
}
