package dev.breakeven.core.fit;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufWriter;
import dev.breakeven.core.models.ModelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KV memory of multi-head latent attention (deepseek2) and of recurrent hybrids (nemotron_h, qwen3next), derived
 * from GGUF headers and checked against hand arithmetic from llama.cpp's allocation rules (docs/fit.md).
 */
class LatentAndRecurrentMemoryTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private final MemoryModel memory = new MemoryModel(CalibrationData.load().constants());

    private GgufFile header(String arch, int blocks, Consumer<GgufWriter> metadata) throws IOException {
        GgufWriter writer = new GgufWriter().putString("general.architecture", arch)
                .putUInt32(arch + ".block_count", blocks)
                .putUInt32(arch + ".embedding_length", 2048)
                .putUInt32(arch + ".attention.head_count", 16)
                .putUInt32(arch + ".vocab_size", 32000)
                .addSparseTensor("token_embd.weight", GgmlType.F16, 2048, 32000);
        metadata.accept(writer);
        Path file = dir.resolve(arch + ".gguf");
        writer.write(file);
        return GgufReader.read(file);
    }

    /** DeepSeek-V2-Lite as current convert_hf_to_gguf writes it: one KV "head" of 576 = 512 latent + 64 rope. */
    private GgufFile deepseekV2Lite(boolean mlaKeys) throws IOException {
        return header("deepseek2", 27, w -> {
            w.putUInt32("deepseek2.attention.head_count_kv", 1)
                    .putUInt32("deepseek2.attention.key_length", 576)
                    .putUInt32("deepseek2.attention.value_length", 512)
                    .putUInt32("deepseek2.attention.kv_lora_rank", 512)
                    .putUInt32("deepseek2.rope.dimension_count", 64);
            if (mlaKeys) {
                w.putUInt32("deepseek2.attention.key_length_mla", 192)
                        .putUInt32("deepseek2.attention.value_length_mla", 128);
            }
        });
    }

    @Test
    void latentAttentionCachesOnlyTheLatentAndRopePart() throws IOException {
        ModelShape shape = GgufModelShapes.from(deepseekV2Lite(true));
        assertThat(shape.mlaLatentLength()).isEqualTo(512 + 64);
        // 27 layers × 4096 cells × 576 elements × 2 bytes (f16), no V cache
        assertThat(memory.kvCacheBytes(shape, 4096, 512, KvCacheType.F16)).isEqualTo(27L * 4096 * 576 * 2);
        // K+V as ordinary attention would count 576 + 512 per token: the latent cache is 53% of that
        assertThat(memory.kvCacheBytes(shape, 4096, 512, KvCacheType.F16)).isLessThan(27L * 4096 * (576 + 512) * 2);
    }

    @Test
    void deepseekFilesWithoutTheMlaKeysKeepOrdinaryKeyAndValueCaches() throws IOException {
        // llama.cpp's is_mla() needs key_length_mla and value_length_mla; without them it caches K and V
        ModelShape shape = GgufModelShapes.from(deepseekV2Lite(false));
        assertThat(shape.mlaLatentLength()).isZero();
        assertThat(memory.kvCacheBytes(shape, 4096, 512, KvCacheType.F16)).isEqualTo(27L * 4096 * (576 + 512) * 2);
    }

    /** A Nemotron-H-like hybrid: 8 layers, attention (2 KV heads of 128) on two of them, Mamba-2 on the rest. */
    private GgufFile hybrid() throws IOException {
        return header("nemotron_h", 8, w -> w
                .putInts("nemotron_h.attention.head_count_kv", new int[]{0, 0, 0, 2, 0, 0, 0, 2})
                .putUInt32("nemotron_h.attention.key_length", 128)
                .putUInt32("nemotron_h.attention.value_length", 128)
                .putUInt32("nemotron_h.ssm.conv_kernel", 4)
                .putUInt32("nemotron_h.ssm.inner_size", 4096)
                .putUInt32("nemotron_h.ssm.state_size", 128)
                .putUInt32("nemotron_h.ssm.group_count", 8)
                .putUInt32("nemotron_h.ssm.time_step_rank", 64));
    }

    @Test
    void recurrentLayersHoldAFixedStateInsteadOfAGrowingCache() throws IOException {
        GgufModelShapes.Derivation derivation = GgufModelShapes.derive(hybrid());
        ModelShape shape = derivation.shape();
        assertThat(shape.recurrentLayers()).isEqualTo(6);
        assertThat(derivation.notes()).anyMatch(n -> n.contains("6 of 8 layers have no KV cache, 6 of them recurrent")
                && n.contains("estimated"));
        // per recurrent layer: conv (4−1)·(4096 + 2·8·128) + ssm 128·4096 = 542,720 f32 elements
        long state = 4L * (3 * (4096 + 2 * 8 * 128) + 128 * 4096);
        assertThat(shape.recurrentStateBytesPerLayer()).isEqualTo(state);
        // attention: 2 layers × cells × 2 heads × (128 + 128) × 2 bytes
        long at4k = 2L * 4096 * 2 * 256 * 2 + 6 * state;
        long at32k = 2L * 32768 * 2 * 256 * 2 + 6 * state;
        assertThat(memory.kvCacheBytes(shape, 4096, 512, KvCacheType.F16)).isEqualTo(at4k);
        assertThat(memory.kvCacheBytes(shape, 32768, 512, KvCacheType.F16)).isEqualTo(at32k);
        long attentionLayers = java.util.stream.IntStream.range(0, 8).filter(l -> !shape.isRecurrentLayer(l)).count();
        assertThat(attentionLayers).isEqualTo(2);
    }

    @Test
    void nemotronHFfnOnlyLayersHaveNeitherKvNorState() throws IOException {
        // layers: mamba, mlp, mamba, attention, mamba, mlp — llama.cpp: recurrent = no KV heads and no FFN
        ModelShape shape = GgufModelShapes.from(header("nemotron_h", 6, w -> w
                .putInts("nemotron_h.attention.head_count_kv", new int[]{0, 0, 0, 2, 0, 0})
                .putInts("nemotron_h.feed_forward_length", new int[]{0, 8192, 0, 0, 0, 8192})
                .putUInt32("nemotron_h.attention.key_length", 128)
                .putUInt32("nemotron_h.attention.value_length", 128)
                .putUInt32("nemotron_h.ssm.conv_kernel", 4)
                .putUInt32("nemotron_h.ssm.inner_size", 4096)
                .putUInt32("nemotron_h.ssm.state_size", 128)
                .putUInt32("nemotron_h.ssm.group_count", 8)));
        assertThat(shape.recurrentLayers()).isEqualTo(5);
        long statePerMamba = 3 * (4096 + 2 * 8 * 128) + 128 * 4096;
        assertThat(shape.recurrentStateElements()).isEqualTo(3 * statePerMamba);
        long kv = 4096L * 2 * 256 * 2;
        assertThat(memory.kvCacheBytes(shape, 4096, 512, KvCacheType.F16))
                .isCloseTo(kv + 4 * 3 * statePerMamba, org.assertj.core.data.Offset.offset(8L));
    }

    @Test
    void qwen3NextStyleFilesNameTheirAttentionLayersByInterval() throws IOException {
        ModelShape shape = GgufModelShapes.from(header("qwen3next", 48, w -> w
                .putUInt32("qwen3next.attention.head_count_kv", 2)
                .putUInt32("qwen3next.attention.key_length", 256)
                .putUInt32("qwen3next.attention.value_length", 256)
                .putUInt32("qwen3next.full_attention_interval", 4)
                .putUInt32("qwen3next.ssm.conv_kernel", 4)
                .putUInt32("qwen3next.ssm.inner_size", 4096)
                .putUInt32("qwen3next.ssm.state_size", 128)
                .putUInt32("qwen3next.ssm.group_count", 16)));
        assertThat(shape.recurrentLayers()).isEqualTo(36);
        assertThat(shape.blockCount() - shape.recurrentLayers()).isEqualTo(12);
    }

    @Test
    void thePlanSaysWhichTermsAreLatentOrEstimated() throws IOException {
        GgufFile hybrid = hybrid();
        ModelShape shape = GgufModelShapes.from(hybrid);
        HardwareTarget target = HardwareTarget.withGpu(new GpuSpec("test card", 24 * GIB, 1000, 150, "cuda"),
                new HostSpec(64 * GIB, 80, 8));
        FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(shape, GgufWeights.of(hybrid, 8, "F16"), 8192, target));
        // a nemotron_h file: its Mamba-2 state was matched to llama-server's allocation (RecurrentAllocationTest)
        assertThat(plan.notes()).anyMatch(n -> n.contains("6 of 8 layers have no KV cache")
                && n.contains("matched llama.cpp's allocation"));
        assertThat(plan.memory().kvCacheBytes()).isEqualTo(memory.kvCacheBytes(shape, 8192, 512, KvCacheType.F16));

        GgufFile deepseek = deepseekV2Lite(true);
        FitPlan latent = FitPlanner.standard().plan(PlanRequest.of(GgufModelShapes.from(deepseek),
                GgufWeights.of(deepseek, 27, "F16"), 8192, target));
        assertThat(latent.notes()).anyMatch(n -> n.contains("multi-head latent attention") && n.contains("576"));
        assertThat(latent.memory().kvCacheBytes()).isEqualTo(27L * 8192 * 576 * 2);
    }
}
