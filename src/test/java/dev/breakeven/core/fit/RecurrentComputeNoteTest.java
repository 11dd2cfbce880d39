package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.SsmMixer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan says "matched" only for the recurrent compute terms checked against llama-server, "estimated" elsewhere. */
class RecurrentComputeNoteTest {
    private static ModelShape shape(String arch, SsmMixer mixer) {
        return new ModelShape(arch, 1_000_000L, 1_000_000L, 4, 512, 1024, 8, 2, 64, 64, 4096, 1024, 0, 0, 0, 0, 0, 0, 3,
                3_000L, mixer);
    }

    @Test
    void saysWhichRecurrentComputeTermsWereCheckedAndWhichAreEstimated() {
        SsmMixer mamba2 = new SsmMixer(SsmMixer.Kind.MAMBA2, 1024, 128, 1, 16, 4);
        SsmMixer deltaNet = new SsmMixer(SsmMixer.Kind.GATED_DELTA_NET, 256, 64, 2, 4, 4);
        assertThat(RecurrentComputeNote.of(shape("nemotron_h", mamba2))).contains("matched llama.cpp's allocation");
        assertThat(RecurrentComputeNote.of(shape("nemotron_h_moe", mamba2))).contains("estimated")
                .doesNotContain("matched");
        assertThat(RecurrentComputeNote.of(shape("granitehybrid", mamba2))).contains("estimated");
        assertThat(RecurrentComputeNote.of(shape("qwen35", deltaNet))).contains("delta-net").contains("within 5 %");
        assertThat(RecurrentComputeNote.of(shape("lfm2", SsmMixer.NONE))).contains("estimated")
                .contains("not modelled");
    }
}
