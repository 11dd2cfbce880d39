package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.SsmMixer;

import java.util.Set;

/**
 * The plan's line on what the compute buffer of a recurrent model rests on: which mixer peaks are modelled and which of
 * them were checked against llama-server (docs/fit.md, "Latent attention and recurrent state").
 */
final class RecurrentComputeNote {
    /** Mamba-2 architectures whose mixer compute buffer was checked against llama-server (RecurrentComputeBufferTest). */
    private static final Set<String> MIXER_COMPUTE_CHECKED = Set.of("mamba2", "nemotron_h");

    private RecurrentComputeNote() {
    }

    static String of(ModelShape shape) {
        if (shape.ssmMixer().kind() == SsmMixer.Kind.GATED_DELTA_NET) {
            return "compute buffer: the gated delta-net layer's peak (q/k/v projection, conv window and output), "
                    + "within 5 % of llama.cpp's allocation on checked files (estimated beyond)";
        }
        if (!shape.ssmMixer().present()) {
            return "compute buffer of the recurrent layers estimated: their own peak is not modelled, the FFN and "
                    + "attention peaks stand in for it";
        }
        if ("granitehybrid".equals(shape.architecture())) {
            // an FFN on the mixer's own layer leaves holes below its peak: llama-server reserved up to 10 % more
            return "compute buffer: the Mamba-2 mixer's peak is planned; with an FFN on the same layer it is "
                    + "estimated (llama.cpp reserved up to 10 % more on checked files)";
        }
        if (!MIXER_COMPUTE_CHECKED.contains(shape.architecture())) {
            return "compute buffer: the Mamba-2 mixer's peak (conv window, scan, gate), estimated for this architecture";
        }
        return "compute buffer: the Mamba-2 mixer's peak (conv window, scan, gate) matched llama.cpp's allocation";
    }
}
