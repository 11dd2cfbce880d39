package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.ModelShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The compute buffer of recurrent layers against what the shared llama-server reserved for the same sparse files
 * (src/test/resources/fit/llama-server-ssm-compute.json): pure Mamba-2 shapes with one dimension changed at a time and
 * at released models' sizes, Mamba-2 hybrids (nemotron_h, granitehybrid) at 4k and 32k with flash attention on and
 * off, and the Qwen3.5 family (gated delta-net, the qwen3next layout).
 */
class RecurrentComputeBufferTest {
    private static final double MIB = 1 << 20;
    private static JsonNode recorded;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = RecurrentComputeBufferTest.class.getResourceAsStream("/fit/llama-server-ssm-compute.json")) {
            recorded = Json.mapper().readTree(in);
        }
    }

    private static ModelShape shape(Path file) throws Exception {
        return GgufModelShapes.from(GgufReader.read(file));
    }

    private static GgufModel model(String label, Path file) throws Exception {
        GgufFile gguf = GgufReader.read(file);
        ModelShape shape = GgufModelShapes.from(gguf);
        return new GgufModel(label, file, shape, GgufWeights.of(gguf, shape.blockCount(), "f16"));
    }

    private static double plannedMiB(GgufModel m, int ctx, FlashAttention fa) {
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(m.shape(), m.weights(), ctx, cpu)
                .withEngine(ServingEngine.RUNTIME, fa));
        return plan.memory().computeBytes() / MIB;
    }

    @Test
    void pureMamba2ComputeBufferMatchesLlamaServerAtReleasedModelsRatio() throws Exception {
        MemoryModel memory = new MemoryModel(CalibrationData.load().constants());
        int checked = 0;
        for (JsonNode row : recorded.get("mamba2")) {
            var spec = new RecurrentShapeFiles.Mamba2(row.get("blocks").asInt(), row.get("hidden").asInt(),
                    row.get("inner").asInt(), row.get("state").asInt(), row.get("groups").asInt(),
                    row.get("heads").asInt(), 1024);
            ModelShape shape = shape(RecurrentShapeFiles.writeMamba2(spec, dir.resolve(spec.fileName())));
            int ubatch = row.get("ubatch").asInt();
            double planned = memory.computeBytes(shape, 4096, ubatch, true) / MIB;
            double logged = row.get("computeMiB").asDouble();
            System.out.printf(Locale.ROOT, "mamba2 %s ubatch %d: compute planned %.4f MiB, logged %.4f (%+.1f %%)%n",
                    spec, ubatch, planned, logged, 100 * (planned / logged - 1));
            // every released Mamba-2 model has inner = 2 × hidden (expand 2); at the default micro-batch the planned
            // peak is the allocator's; a smaller micro-batch or another ratio leaves it other holes (docs/fit.md)
            boolean released = spec.inner() == 2 * spec.hidden();
            double bound = released ? (ubatch == 512 ? 0.5 : 4) : 13;
            assertThat(planned).as("%s at ubatch %d", spec, ubatch).isCloseTo(logged, withPercentage(bound));
            checked += released && ubatch == 512 ? 1 : 0;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void mamba2HybridsPlanTheMixerPeakOnTopOfTheMasksAtBothContexts() throws Exception {
        GgufModel nemotron = model("nemotron_h", ArchShapeFiles.writeNemotronH(dir.resolve("nh.gguf")));
        for (JsonNode row : recorded.get("hybrids")) {
            String arch = row.get("arch").asText();
            GgufModel m = arch.equals("nemotron_h") ? nemotron
                    : model(arch, RecurrentShapeFiles.writeGraniteHybrid(row.get("hidden").asInt(),
                    row.get("inner").asInt(), row.get("ffn").asInt(), dir.resolve("gh-" + row.get("ffn") + "-"
                            + row.get("hidden") + ".gguf")));
            int ctx = row.get("ctx").asInt();
            FlashAttention fa = FlashAttention.parse(row.get("fa").asText());
            double planned = plannedMiB(m, ctx, fa);
            double logged = row.get("computeMiB").asDouble();
            System.out.printf(Locale.ROOT, "%s %s ctx %d fa %s: compute planned %.2f MiB, logged %.2f (%+.1f %%)%n",
                    arch, row.has("ffn") ? "ffn " + row.get("ffn") : "", ctx, fa.cliName(), planned, logged,
                    100 * (planned / logged - 1));
            // nemotron_h's mixer layers have no FFN: the mixer's peak is exact; granitehybrid's FFN on the same layer
            // leaves holes below it that the plan does not place (under by up to 10 %, docs/fit.md)
            assertThat(planned).as("%s at %d, fa %s", arch, ctx, fa.cliName())
                    .isCloseTo(logged, withPercentage(arch.equals("nemotron_h") ? 1 : 10));
        }
    }

    @Test
    void qwen35FamilyStateAndDeltaNetComputeMatchLlamaServer() throws Exception {
        for (JsonNode row : recorded.get("qwen35")) {
            String arch = row.get("arch").asText();
            Path file = dir.resolve(arch + "-" + row.path("hidden").asInt(512) + ".gguf");
            GgufModel m = model(arch, row.has("hidden")
                    ? RecurrentShapeFiles.writeQwen35(arch, row.get("hidden").asInt(), row.get("groups").asInt(),
                    row.get("vHeads").asInt(), row.get("state").asInt(), row.get("ffn").asInt(), file)
                    : RecurrentShapeFiles.writeQwen35(arch, file));
            assertThat(m.shape().recurrentLayers()).isEqualTo(3);
            assertThat(m.shape().ssmMixer().kind()).isEqualTo(dev.breakeven.core.models.SsmMixer.Kind.GATED_DELTA_NET);
            int ctx = row.get("ctx").asInt();
            FlashAttention fa = FlashAttention.parse(row.get("fa").asText());
            HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
            FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(m.shape(), m.weights(), ctx, cpu)
                    .withEngine(ServingEngine.RUNTIME, fa));
            double kvAndState = row.get("kvMiB").asDouble() + row.get("stateMiB").asDouble();
            double planned = plan.memory().computeBytes() / MIB;
            double logged = row.get("computeMiB").asDouble();
            System.out.printf(Locale.ROOT, "%s hidden %d ctx %d fa %s: KV + state planned %.3f MiB, logged %.2f; compute planned"
                            + " %.2f MiB, logged %.2f (%+.1f %%)%n", arch, m.shape().embeddingLength(), ctx, fa.cliName(),
                    plan.memory().kvCacheBytes() / MIB, kvAndState, planned, logged, 100 * (planned / logged - 1));
            assertThat(String.join("\n", plan.notes())).contains("state matched llama.cpp's allocation")
                    .contains("gated delta-net layer's peak");
            // the log rounds each of KV and state to 0.01 MiB
            assertThat(plan.memory().kvCacheBytes() / MIB).as("%s KV + state at %d", arch, ctx)
                    .isCloseTo(kvAndState, org.assertj.core.data.Offset.offset(0.011));
            assertThat(planned).as("%s compute at %d, fa %s", arch, ctx, fa.cliName())
                    .isCloseTo(logged, withPercentage(5));
        }
    }
}
