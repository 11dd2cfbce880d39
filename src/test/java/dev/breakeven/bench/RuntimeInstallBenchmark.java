package dev.breakeven.bench;

import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.runtime.BackendChooser;
import dev.breakeven.core.runtime.Platform;
import dev.breakeven.core.runtime.ReleaseServer;
import dev.breakeven.core.runtime.RuntimeInstaller;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.core.runtime.SharedRuntime;
import dev.breakeven.core.runtime.SmokeTest;
import dev.breakeven.core.runtime.TestArchives;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Time to install a runtime from a local emulation of the releases API: the real ../shared llama-server packed as a
 * release .tar.gz, downloaded, verified, unpacked and smoke-started on the tiny model until /health answers.
 * Prints each stage's time per run and the median. Run: ./mvnw -o -q test-compile exec:exec -Dbench=RuntimeInstallBenchmark
 */
public final class RuntimeInstallBenchmark {
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Path server = SharedRuntime.shared().resolve("llama.cpp/llama-server");
        Path model = SharedRuntime.shared().resolve("models/llama-2-tiny-random.gguf");
        Platform linux = new Platform(Platform.Os.LINUX, Platform.Arch.X64);
        byte[] archive = TestArchives.tarGz("llama-b9900", TestArchives.runtimeFiles(Files.readAllBytes(server)));
        String name = "llama-b9900-bin-ubuntu-x64.tar.gz";
        HardwareProfile noGpu = new HardwareProfile("bench", new CpuInfo("bench", 2, 2, List.of()),
                new MemoryInfo(1L << 34, 1L << 33, null, null), List.of(), List.of());
        System.out.printf(Locale.ROOT, "archive %.1f MB; %d runs%n", archive.length / 1e6, RUNS);
        System.out.println("| run | release ms | download+verify ms | unpack ms | smoke ms (start→/health) | total ms |");
        System.out.println("|---|---|---|---|---|---|");
        List<Long> totals = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (ReleaseServer github = new ReleaseServer()) {
            github.release("latest", TestArchives.releaseJson("b9900", name, github.file(name, archive).toString(),
                    TestArchives.sha256(archive), String.valueOf(archive.length)));
            for (int run = 1; run <= RUNS; run++) {
                Path data = Files.createTempDirectory("runtime-bench");
                RuntimeStore store = new RuntimeStore(data, linux);
                RuntimeInstaller installer = new RuntimeInstaller(store, RuntimeInstaller.defaultClient(),
                        new BackendChooser(linux, false), () -> noGpu, new SmokeTest(Duration.ofSeconds(60)),
                        () -> Optional.of(model));
                Map<RuntimeInstaller.Stage, Long> firstSeen = new EnumMap<>(RuntimeInstaller.Stage.class);
                long t0 = System.nanoTime();
                RuntimeInstaller.Result result = installer.install(github.latest(), null, null,
                        p -> firstSeen.putIfAbsent(p.stage(), System.nanoTime()), () -> false);
                long end = System.nanoTime();
                long total = (end - t0) / 1_000_000;
                totals.add(total);
                starts.add(result.manifest().startMillis());
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d (%d) | %d |%n", run,
                        ms(firstSeen, RuntimeInstaller.Stage.RELEASE, RuntimeInstaller.Stage.DOWNLOAD),
                        ms(firstSeen, RuntimeInstaller.Stage.DOWNLOAD, RuntimeInstaller.Stage.UNPACK),
                        ms(firstSeen, RuntimeInstaller.Stage.UNPACK, RuntimeInstaller.Stage.SMOKE),
                        ms(firstSeen, RuntimeInstaller.Stage.SMOKE, RuntimeInstaller.Stage.DONE),
                        result.manifest().startMillis(), total);
                deleteTree(data);
            }
        }
        System.out.printf(Locale.ROOT, "median total %d ms, median smoke start to /health %d ms%n",
                median(totals), median(starts));
    }

    private static long ms(Map<RuntimeInstaller.Stage, Long> seen, RuntimeInstaller.Stage from, RuntimeInstaller.Stage to) {
        return seen.containsKey(from) && seen.containsKey(to) ? (seen.get(to) - seen.get(from)) / 1_000_000 : -1;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
