package dev.breakeven.bench;

import dev.breakeven.core.library.DownloadRequest;
import dev.breakeven.core.library.FlakyFileServer;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.core.power.AnswerEnergy;
import dev.breakeven.core.power.CpuLoad;
import dev.breakeven.core.power.EstimateBasis;
import dev.breakeven.core.power.EstimatedPowerMeter;
import dev.breakeven.core.power.NvidiaSmiPowerMeter;
import dev.breakeven.core.power.PowerSampler;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Model library scan time on a large synthetic home (LM Studio, Ollama, Hugging Face cache, a big user
 * folder with a symlink loop), the sampler's achieved rate and per-read cost (estimate meter; a
 * process-spawning meter like nvidia-smi, stood in for by a script), and localhost download throughput
 * including SHA-256. Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=PowerLibraryBenchmark}
 */
public final class PowerLibraryBenchmark {
    private PowerLibraryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("breakeven-bench");
        try {
            scan(root.resolve("home"));
            sampler(root);
            download(root.resolve("dl"));
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void scan(Path home) throws Exception {
        byte[] gguf = tinyGguf();
        for (int i = 0; i < 200; i++) {
            for (int q = 0; q < 3; q++) {
                write(home.resolve(".lmstudio/models/pub" + (i % 20) + "/repo" + i + "-GGUF/model-Q" + q + ".gguf"), gguf);
            }
        }
        for (int i = 0; i < 100; i++) {
            String hex = String.format("%064x", i + 1);
            write(home.resolve(".ollama/models/blobs/sha256-" + hex), gguf);
            write(home.resolve(".ollama/models/manifests/registry.ollama.ai/library/m" + i + "/latest"),
                    ("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:" + hex + "\"}]}").getBytes());
        }
        for (int i = 0; i < 100; i++) {
            Path repo = home.resolve(".cache/huggingface/hub/models--org" + i + "--repo-GGUF");
            write(repo.resolve("blobs/b" + i), gguf);
            for (String rev : List.of("rev1", "rev2")) {
                Path link = repo.resolve("snapshots/" + rev + "/model.gguf");
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of("../../blobs/b" + i));
            }
        }
        Path user = home.resolve("user");
        for (int i = 0; i < 5000; i++) {
            write(user.resolve("d" + (i % 50) + "/file" + i + ".txt"), new byte[16]);
        }
        Files.createSymbolicLink(user.resolve("d0/loop"), user);
        LibraryRoots roots = LibraryRoots.standard(home, home.resolve("models"), user, Map.of());
        ModelLibrary library = new ModelLibrary(roots);

        int count = 0;
        long[] scans = new long[10];
        long[] described = new long[5];
        for (int i = 0; i < scans.length; i++) {
            long t = System.nanoTime();
            count = library.scan().size();
            scans[i] = System.nanoTime() - t;
        }
        List<LibraryModel> withHeaders = List.of();
        for (int i = 0; i < described.length; i++) {
            long t = System.nanoTime();
            withHeaders = dev.breakeven.core.library.ModelHeaders.scanAndDescribe(library);
            described[i] = System.nanoTime() - t;
        }
        System.out.printf(Locale.ROOT, "library scan: %d models among ~5,900 files, first %.1f ms, median %.1f ms; "
                        + "with GGUF headers median %.1f ms (%d described)%n",
                count, scans[0] / 1e6, median(scans) / 1e6, median(described) / 1e6,
                withHeaders.stream().filter(LibraryModel::headerRead).count());
    }

    private static void sampler(Path dir) throws Exception {
        EstimatedPowerMeter estimate = new EstimatedPowerMeter(new EstimateBasis("bench", 65, 6.5, "bench"),
                CpuLoad.system(), Clock.systemUTC());
        long[] reads = new long[200];
        for (int i = 0; i < reads.length; i++) {
            long t = System.nanoTime();
            estimate.read();
            reads[i] = System.nanoTime() - t;
        }
        try (PowerSampler sampler = new PowerSampler(estimate)) {
            sampler.start();
            Thread.sleep(3000);
            AnswerEnergy energy = sampler.stop();
            System.out.printf(Locale.ROOT, "sampler (estimate meter): %d samples in %.2f s = %.2f Hz; one read median %.3f ms%n",
                    energy.samples(), energy.seconds(), energy.samples() / energy.seconds(), median(reads) / 1e6);
        }
        Path tool = dir.resolve("nvidia-smi");
        Files.writeString(tool, "#!/bin/sh\necho 131.17\necho 131.13\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        NvidiaSmiPowerMeter spawning = new NvidiaSmiPowerMeter(tool.toString(), Duration.ofSeconds(2), Clock.systemUTC());
        long[] spawns = new long[30];
        for (int i = 0; i < spawns.length; i++) {
            long t = System.nanoTime();
            spawning.read().orElseThrow();
            spawns[i] = System.nanoTime() - t;
        }
        try (PowerSampler sampler = new PowerSampler(spawning)) {
            sampler.start();
            Thread.sleep(3000);
            AnswerEnergy energy = sampler.stop();
            System.out.printf(Locale.ROOT, "sampler (process-spawning meter, script standing in for nvidia-smi): %.2f Hz; "
                    + "one read median %.1f ms%n", energy.samples() / energy.seconds(), median(spawns) / 1e6);
        }
    }

    private static void download(Path dir) throws Exception {
        byte[] content = new byte[64 << 20];
        new Random(1).nextBytes(content);
        try (FlakyFileServer server = new FlakyFileServer(content)) {
            HuggingFaceDownloader downloader = new HuggingFaceDownloader(
                    HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), server.baseUrl(), 3,
                    Duration.ofMillis(10));
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
            long t = System.nanoTime();
            downloader.download(new DownloadRequest("bench/repo", "big.gguf", null, sha, dir, null), p -> { }, () -> false);
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "download over localhost: 64 MiB in %.2f s = %.0f MB/s including SHA-256 check%n",
                    seconds, content.length / 1e6 / seconds);
        }
    }

    private static byte[] tinyGguf() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes()).putInt(3).putLong(0).putLong(0);
        return b.array();
    }

    private static void write(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
