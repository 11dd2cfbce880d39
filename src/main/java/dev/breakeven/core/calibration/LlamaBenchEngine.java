package dev.breakeven.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * llama.cpp's {@code llama-bench} as a child process: {@code -o json} gives one object per test with its average
 * tokens per second ({@code avg_ts}); the test with {@code n_prompt > 0} is prefill, {@code n_gen > 0} decode.
 * CPU only ({@code -ngl 0}): the calibration is of this machine's RAM and cores.
 */
public final class LlamaBenchEngine implements DecodeEngine {
    private final Path binary;
    private final long timeoutSeconds;

    public LlamaBenchEngine(Path binary, long timeoutSeconds) {
        this.binary = binary;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** {@code llama-bench} on the PATH, if there is one. */
    public static Optional<LlamaBenchEngine> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String name : List.of("llama-bench", "llama-bench.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new LlamaBenchEngine(candidate, 600));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "llama-bench";
    }

    @Override
    public Rates run(Path gguf, int promptTokens, int genTokens, int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", gguf.toString(),
                "-p", String.valueOf(promptTokens), "-n", String.valueOf(genTokens), "-t", String.valueOf(threads),
                "-r", "1", "-ngl", "0", "-o", "json"));
        Path err = Files.createTempFile("llama-bench", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] out;
            try (var in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("llama-bench did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("llama-bench failed (exit " + process.exitValue() + "): " + lastLine(err));
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The rates from llama-bench's {@code -o json} output. */
    static Rates parse(String json) throws IOException {
        JsonNode tests = Json.mapper().readTree(json);
        Double prefill = null;
        Double decode = null;
        if (tests == null || !tests.isArray()) {
            throw new IOException("llama-bench printed no JSON array");
        }
        for (JsonNode test : tests) {
            double rate = test.path("avg_ts").asDouble(Double.NaN);
            if (test.path("n_gen").asInt() > 0) {
                decode = rate;
            } else if (test.path("n_prompt").asInt() > 0) {
                prefill = rate;
            }
        }
        if (decode == null || !(decode > 0)) {
            throw new IOException("llama-bench reported no decode rate");
        }
        return new Rates(prefill, decode);
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "no output" : lines.getLast();
    }
}
