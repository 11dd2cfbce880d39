package dev.breakeven.bench;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufSummary;
import dev.breakeven.core.gguf.GgufWriter;
import dev.breakeven.testing.GgufModelFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Time to read a GGUF header and summarise it (target: under 20 ms for an 8B model).
 * Run: ./mvnw -o -q test-compile exec:exec -Dbench=GgufHeaderBenchmark
 */
public final class GgufHeaderBenchmark {
    private static final int WARMUP = 30;
    private static final int RUNS = 60;

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("gguf-bench");
        try {
            Path llama3 = GgufModelFactory.writeSparse(GgufModelFactory.llama3_8b(), GgmlType.Q4_0, dir.resolve("llama3-8b.gguf"));
            Path vocabulary = vocabularyHeavy(dir.resolve("vocab-and-merges.gguf"));
            Path shared = Path.of(System.getProperty("breakeven.shared", "../shared"), "models", "llama-2-tiny-random.gguf");

            report("Llama-3-8B shape (128256 tokens, 291 tensors, sparse " + gb(llama3) + ")", llama3);
            report("128256 tokens + 280147 merges + token types (a real Llama 3 tokenizer's size)", vocabulary);
            if (Files.exists(shared)) {
                report("shared llama-2-tiny-random.gguf", shared);
            }
            Path tiny = GgufModelFactory.writeTinyLlama(dir.resolve("tiny.gguf"), GgmlType.Q8_0, 1);
            report("GgufModelFactory tiny llama (259 tokens, 21 tensors)", tiny);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String gb(Path file) throws IOException {
        return String.format("%.1f GB", Files.size(file) / 1e9);
    }

    private static Path vocabularyHeavy(Path file) throws IOException {
        List<String> tokens = IntStream.range(0, 128_256).mapToObj(i -> "\u0120tok" + i).toList();
        List<String> merges = IntStream.range(0, 280_147).mapToObj(i -> "\u0120t ok" + i).toList();
        int[] types = new int[tokens.size()];
        Arrays.fill(types, 1);
        new GgufWriter().putString("general.architecture", "llama")
                .putStrings("tokenizer.ggml.tokens", tokens)
                .putStrings("tokenizer.ggml.merges", merges)
                .putInts("tokenizer.ggml.token_type", types)
                .write(file);
        return file;
    }

    private static void report(String label, Path file) throws IOException {
        boolean hasShape = GgufReader.read(file).has("llama.block_count");
        double[] read = new double[RUNS];
        double[] summary = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            GgufFile gguf = GgufReader.read(file);
            long parsed = System.nanoTime();
            if (hasShape) {
                GgufSummary.of(gguf, file);
            }
            long summarised = System.nanoTime();
            if (i >= WARMUP) {
                read[i - WARMUP] = (parsed - start) / 1e6;
                summary[i - WARMUP] = (summarised - start) / 1e6;
            }
        }
        System.out.printf("%-90s read median %.2f ms (min %.2f, max %.2f)%s%n", label, median(read), min(read), max(read),
                hasShape ? String.format(", read + summary median %.2f ms", median(summary)) : "");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private GgufHeaderBenchmark() {
    }

}
