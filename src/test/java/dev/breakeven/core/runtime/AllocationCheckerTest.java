package dev.breakeven.core.runtime;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.gguf.GgufReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The planner's terms beside llama.cpp's own report, from a real start of the shared llama-server. */
class AllocationCheckerTest {
    @TempDir
    Path home;
    private EngineSupervisor supervisor;

    @BeforeEach
    void supervisor() {
        supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"));
    }

    @AfterEach
    void close() {
        supervisor.close();
    }

    @Test
    void theTinyModelsWeightsAndKvCacheMatchWhatLlamaCppAllocatedAndThePairIsKept() throws Exception {
        LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer()));
        AllocationChecker checker = new AllocationChecker(engines, new AllocationCheckStore(home.resolve("data")),
                Clock.fixed(Instant.parse("2026-12-07T16:00:00Z"), ZoneOffset.UTC));
        List<String> progress = new ArrayList<>();
        Path tiny = SharedModels.tinyLlama();
        AllocationCheck check = checker.check(tiny, 2048, Cancellation.none(), progress::add);

        assertThat(check.engineArgs()).containsSubsequence("-ngl", "0");
        assertThat(check.target()).contains("CPU only");
        Map<String, AllocationCheck.Term> terms = new java.util.LinkedHashMap<>();
        check.terms().forEach(t -> terms.put(t.name(), t));
        assertThat(terms).containsOnlyKeys("weights", "KV cache", "compute buffer");
        // weights: the file's tensor bytes both ways; KV: layers × cells × K and V rows × f16, both ways
        long tensorBytes = GgufReader.read(tiny).tensorBytes();
        assertThat(terms.get("weights").plannedBytes()).isEqualTo(tensorBytes);
        assertThat(terms.get("weights").reportedBytes()).isCloseTo(tensorBytes,
                within(LlamaCppAllocations.LOG_ROUNDING_BYTES));
        assertThat(terms.get("KV cache").reportedBytes()).isCloseTo(terms.get("KV cache").plannedBytes(),
                within(LlamaCppAllocations.LOG_ROUNDING_BYTES));
        assertThat(terms.get("compute buffer").reportedBytes()).isPositive();
        assertThat(check.devices()).containsKey("CPU");
        assertThat(supervisor.running()).as("the runtime is stopped after the check").isEmpty();

        AllocationCheck kept = checker.store().latest(tiny, 2048).orElseThrow();
        assertThat(kept).isEqualTo(check);
        assertThat(kept.checkedAt()).isEqualTo("2026-12-07T16:00:00Z");
        assertThat(checker.store().latest(tiny, 4096)).isEmpty();
    }

    /** A Mamba-2 hybrid: llama.cpp keeps the recurrent state in its own buffer, the plan counts it with the KV cache. */
    @Test
    void aHybridSsmFilesKvCacheAndStateMatchWhatLlamaCppAllocated() throws Exception {
        LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer()));
        AllocationChecker checker = new AllocationChecker(engines, new AllocationCheckStore(home.resolve("data")),
                Clock.fixed(Instant.parse("2026-12-07T19:30:00Z"), ZoneOffset.UTC));
        Path granite = dev.breakeven.core.fit.RecurrentShapeFiles.writeGraniteHybrid(512, 1024, 1024,
                home.resolve("granitehybrid.gguf"));
        AllocationCheck check = checker.check(granite, 4096, Cancellation.none(), message -> { });
        Map<String, AllocationCheck.Term> terms = new java.util.LinkedHashMap<>();
        check.terms().forEach(t -> terms.put(t.name(), t));
        // KV 2.00 MiB (1 attention layer) + state 1.54 MiB (3 Mamba-2 layers), each line rounded to 0.01 MiB
        assertThat(terms.get("KV cache").plannedBytes()).isGreaterThan(3L << 20);
        assertThat(terms.get("KV cache").reportedBytes()).isCloseTo(terms.get("KV cache").plannedBytes(),
                within(2 * LlamaCppAllocations.LOG_ROUNDING_BYTES));
        // the mixer's peak on top of the masks; an FFN on the same layer leaves holes the plan does not place
        assertThat((double) terms.get("compute buffer").plannedBytes())
                .isCloseTo(terms.get("compute buffer").reportedBytes(), org.assertj.core.data.Percentage.withPercentage(10));
    }
}
