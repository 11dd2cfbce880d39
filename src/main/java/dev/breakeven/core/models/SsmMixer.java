package dev.breakeven.core.models;

/**
 * The dimensions of a recurrent mixer layer whose compute-buffer peak the planner models, from a GGUF header's
 * {@code <arch>.ssm.*} keys (docs/fit.md, "Latent attention and recurrent state").
 *
 * @param kind       which llama.cpp layer graph the sizes feed
 * @param innerSize  {@code ssm.inner_size} (Mamba-2 d_inner; delta-net value heads × head size)
 * @param stateSize  {@code ssm.state_size} (Mamba-2 d_state; delta-net key head size)
 * @param groupCount {@code ssm.group_count} (Mamba-2 B/C groups; delta-net key heads)
 * @param headCount  {@code ssm.time_step_rank} (Mamba-2 heads, one dt each; delta-net value heads)
 * @param convKernel {@code ssm.conv_kernel} (d_conv)
 */
public record SsmMixer(Kind kind, int innerSize, int stateSize, int groupCount, int headCount, int convKernel) {
    /** llama.cpp's layer graphs with a modelled peak. */
    public enum Kind {
        /** None modelled (attention-only models, short-conv, Mamba-1 and other recurrent kinds). */
        NONE,
        /** {@code build_mamba2_layer}: mamba2, nemotron_h, granitehybrid. */
        MAMBA2,
        /** The gated delta-net layer of qwen3next, qwen35 and qwen35moe. */
        GATED_DELTA_NET
    }

    public static final SsmMixer NONE = new SsmMixer(Kind.NONE, 0, 0, 0, 0, 0);

    public SsmMixer {
        if (kind == null) {
            kind = Kind.NONE;
        }
        if (innerSize < 0 || stateSize < 0 || groupCount < 0 || headCount < 0 || convKernel < 0) {
            throw new IllegalArgumentException("recurrent mixer sizes must be non-negative");
        }
    }

    public boolean present() {
        return kind != Kind.NONE && innerSize > 0 && stateSize > 0 && groupCount > 0;
    }

    /** Mamba-2's in-projection: z and x (inner each), B and C (groups × state each) and one dt per head. */
    public long inProjection() {
        return 2L * innerSize + 2L * groupCount * stateSize + headCount;
    }

    /** Channels the causal convolution runs over: Mamba-2's x, B and C, or the delta-net's q, k and v. */
    public long convChannels() {
        return (long) innerSize + 2L * groupCount * stateSize;
    }
}
