package dev.breakeven.bench;

import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.hub.HubHttp;
import dev.breakeven.core.hub.PlanSummary;
import dev.breakeven.core.hub.RemoteGguf;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import dev.breakeven.testing.ShardedModels;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Bytes transferred and time for a remote plan ({@code fit --hf}) of three shapes served sparse by the local Hub
 * emulation (resolve → redirect to a second host → Range): a 7B, a 70B split in 3 shards, a Mixtral-style MoE.
 * Loopback only: the figures are the protocol's cost (requests, bytes), not a WAN's latency.
 * Run: ./mvnw -o -q test-compile exec:exec -Dbench=RemotePlanBenchmark
 */
public final class RemotePlanBenchmark {
    private static final int RUNS = 5;

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("remote-plan-bench");
        try (HubEmulator hub = new HubEmulator()) {
            Path llama7 = GgufModelFactory.writeSparse(GgufModelFactory.llama3_8b(), GgmlType.Q4_K, dir.resolve("8b.gguf"));
            hub.add("bench/Llama-3-8B-GGUF", "Llama-3-8B-Q4_K_S.gguf", llama7, "a".repeat(64));
            List<Path> shards = ShardedModels.writeSplit(ShardedModels.llama3_70b(), GgmlType.Q4_K, dir, "Llama-3-70B-Q4_K_S", 3);
            for (Path shard : shards) {
                hub.add("bench/Llama-3-70B-GGUF", shard.getFileName().toString(), shard, "b".repeat(64));
            }
            Path moe = ShardedModels.writeMoe(ShardedModels.mixtralBase(), GgmlType.Q4_K, 8, 2, dir.resolve("moe.gguf"));
            hub.add("bench/Mixtral-8x7B-GGUF", "Mixtral-8x7B-Q4_K_S.gguf", moe, "c".repeat(64));

            HubEndpoint endpoint = HubEndpoint.anonymous(hub.baseUrl());
            RemoteGguf remote = new RemoteGguf(HubHttp.client(), endpoint, RemoteGguf.DEFAULT_MAX_HEADER_BYTES,
                    Duration.ofSeconds(30));
            HardwareTarget rtx4090 = HardwareTarget.withGpu(new GpuSpec("RTX 4090", 24L << 30, 1008, 165, "cuda"),
                    new HostSpec(64L << 30, 80, 16));
            System.out.println("shape | file size | shards | header bytes read | server bytes sent | requests | time (median of "
                    + RUNS + ") | plan on a 4090 + 64 GB at 8192 ctx");
            run(hub, remote, rtx4090, "Llama-3-8B Q4_K_S (128k vocab)", endpoint.resolveUrl("bench/Llama-3-8B-GGUF", "main",
                    "Llama-3-8B-Q4_K_S.gguf"));
            run(hub, remote, rtx4090, "Llama-3-70B Q4_K_S split in 3", endpoint.resolveUrl("bench/Llama-3-70B-GGUF", "main",
                    "Llama-3-70B-Q4_K_S-00001-of-00003.gguf"));
            run(hub, remote, rtx4090, "Mixtral-8x7B Q4_K_S (MoE 8/2)", endpoint.resolveUrl("bench/Mixtral-8x7B-GGUF", "main",
                    "Mixtral-8x7B-Q4_K_S.gguf"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(HubEmulator hub, RemoteGguf remote, HardwareTarget target, String label, URI url)
            throws IOException {
        long[] nanos = new long[RUNS];
        RemoteGguf.Result result = null;
        long sent = 0;
        int requests = 0;
        for (int i = 0; i < RUNS; i++) {
            hub.resetLog();
            long start = System.nanoTime();
            result = remote.read(url);
            nanos[i] = System.nanoTime() - start;
            sent = hub.bytesSent();
            requests = hub.log().size();
        }
        java.util.Arrays.sort(nanos);
        PlanSummary plan = PlanSummary.plan(result.model(), target, 8192);
        System.out.printf(Locale.ROOT, "%s | %.1f GB | %d | %.2f MB | %.2f MB | %d | %.0f ms | %s%n", label,
                result.fileBytes() / 1e9, result.shards().size(), result.bytesRead() / 1e6, sent / 1e6, requests,
                nanos[RUNS / 2] / 1e6, plan.shortText());
    }
}
