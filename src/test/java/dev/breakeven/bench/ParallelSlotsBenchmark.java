package dev.breakeven.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.app.AppServices;
import dev.breakeven.cli.BreakevenCommand;
import dev.breakeven.core.fit.ArchShapeFiles;
import dev.breakeven.core.gguf.GgmlType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Aggregate decode with N parallel slots, measured against the planner: the shared llama-server started with
 * {@code -np N -c 512×N -t 2 -fa on} on a sparse real-shape file ({@code bench.shape}, default Qwen3-0.6B, in
 * {@code bench.type}, default Q8_0), N concurrent {@code /completion} requests of {@code bench.tokens} tokens each
 * (ignore_eos). Two measured aggregates: the wall one (all predicted tokens ÷ the time from the first request sent to
 * the last answer: what a client sees, prompts and set-up included) and llama.cpp's own decode timing (N × the mean
 * {@code predicted_per_second}: what the planner's {@code aggregateDecodeTokPerSec} predicts); median of
 * {@code bench.repeats}; beside them what {@code fit --gguf F --ctx 512 --parallel N --json} plans for this machine.
 * The one-minute load average is printed with each row: on a shared 2-core box the figures move with it.
 * The planner is calibrated first ({@code breakeven calibrate} through the same server) unless
 * {@code -Dbench.uncalibrated=true}. Recorded sets: src/test/resources/fit/llama-server-parallel-cpu.json.
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=ParallelSlotsBenchmark}; options go to the benchmark's JVM
 * through {@code JAVA_TOOL_OPTIONS} (exec:exec starts a new one), e.g.
 * {@code JAVA_TOOL_OPTIONS="-Dbench.shape=tinyllama-1.1b -Dbench.slots=1,2,4,8 -Dbench.args=-nr"}
 * (also bench.tokens=32, bench.repeats=3, bench.type=Q4_0).
 */
public final class ParallelSlotsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path server = Path.of(System.getProperty("breakeven.shared", "../shared"), "llama.cpp/llama-server");
        int tokens = Integer.getInteger("bench.tokens", 32);
        int repeats = Integer.getInteger("bench.repeats", 3);
        List<Integer> slots = java.util.Arrays.stream(System.getProperty("bench.slots", "1,2,4,8").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        Path dir = Files.createTempDirectory("parallel-bench");
        String shape = System.getProperty("bench.shape", "qwen3-0.6b");
        GgmlType type = GgmlType.valueOf(System.getProperty("bench.type", "Q8_0"));
        List<String> extra = List.of(System.getProperty("bench.args", "").split(" ")).stream()
                .filter(a -> !a.isBlank()).toList();
        Path model = ArchShapeFiles.writeNamed(shape, type, dir.resolve(shape + ".gguf"));
        System.out.println("shape " + shape + " " + type + " extra server args " + extra);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (!Boolean.getBoolean("bench.uncalibrated")) {
            // the planner as a user who pressed Calibrate sees it: this machine's decode bandwidth, not 40 GB/s
            StringWriter calibration = new StringWriter();
            BreakevenCommand.run(AppServices.forTest(dir.resolve("home")), new String[] {"calibrate", "--llama-server",
                    server.toAbsolutePath().toString()}, new PrintWriter(calibration), new PrintWriter(System.err));
            System.out.println(calibration.toString().strip());
        }
        System.out.println("N | measured aggregate tok/s (median of " + repeats + ", runs) | per user | server-timed"
                + " decode aggregate | planned aggregate | planned per user | load average");
        for (int n : slots) {
            JsonNode planned = plan(dir.resolve("home"), model, n);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(server.toAbsolutePath().toString(), "-m", model.toString(),
                    "-c", String.valueOf(512 * n), "-np", String.valueOf(n), "-t", "2", "-fa", "on",
                    "--host", "127.0.0.1", "--port", String.valueOf(port)));
            command.addAll(extra);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + n + ".log").toFile()).start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                awaitHealthy(http, base);
                complete(http, base, 4); // warm-up: first-touch of the mapped weights
                List<Double> aggregates = new ArrayList<>();
                List<Double> serverTimed = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    double[] both = aggregate(http, base, n, tokens);
                    aggregates.add(both[0]);
                    serverTimed.add(both[1]);
                }
                double serverMedian = serverTimed.stream().sorted().toList().get(serverTimed.size() / 2);
                List<Double> sorted = aggregates.stream().sorted().toList();
                double median = sorted.get(sorted.size() / 2);
                System.out.printf(Locale.ROOT, "%d | %.1f (%s) | %.1f | %.1f | %.1f | %.1f | %.2f%n", n, median,
                        aggregates.stream().map(a -> String.format(Locale.ROOT, "%.1f", a)).toList(), median / n,
                        serverMedian,
                        planned.path("aggregateDecodeTokPerSec").asDouble(),
                        planned.path("perUserDecodeTokPerSec").asDouble(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            } finally {
                process.destroy();
                process.waitFor();
            }
        }
    }

    private static JsonNode plan(Path home, Path model, int n) throws Exception {
        StringWriter out = new StringWriter();
        int code = BreakevenCommand.run(AppServices.forTest(home), new String[] {"fit", "--gguf", model.toString(),
                "--ctx", "512", "--parallel", String.valueOf(n), "--engine", "runtime", "--flash-attn", "on", "--json"},
                new PrintWriter(out), new PrintWriter(System.err));
        if (code != 0) {
            throw new IllegalStateException("fit failed: " + out);
        }
        return JSON.readTree(out.toString()).path("parallel");
    }

    private static void awaitHealthy(HttpClient http, URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("llama-server did not become healthy");
    }

    /**
     * N requests at once: all predicted tokens over the wall time until the last answer, and the server's own
     * decode timing (N × the mean of each slot's {@code predicted_per_second}: no prompt, no HTTP).
     */
    private static double[] aggregate(HttpClient http, URI base, int n, int tokens) {
        long started = System.nanoTime();
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> complete(http, base, tokens)));
        }
        List<JsonNode> timings = answers.stream().map(CompletableFuture::join).toList();
        int predicted = timings.stream().mapToInt(t -> t.path("predicted_n").asInt()).sum();
        double wall = predicted / ((System.nanoTime() - started) / 1e9);
        double perSlot = timings.stream().mapToDouble(t -> t.path("predicted_per_second").asDouble()).average()
                .orElse(0);
        return new double[] {wall, perSlot * n};
    }

    private static JsonNode complete(HttpClient http, URI base, int tokens) {
        try {
            String body = "{\"prompt\":\"Tell me a story about a lighthouse\",\"n_predict\":" + tokens
                    + ",\"ignore_eos\":true,\"cache_prompt\":false}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/completion"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("timings");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
