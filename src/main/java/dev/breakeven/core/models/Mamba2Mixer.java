package dev.breakeven.core.models;

/**
 * The dimensions of a Mamba-2 mixer layer, from a GGUF header's {@code <arch>.ssm.*} keys. They size the compute
 * buffer llama.cpp reserves for the layer's scan (docs/fit.md, "Latent attention and recurrent state").
 *
 * @param innerSize  {@code ssm.inner_size} (d_inner)
 * @param stateSize  {@code ssm.state_size} (d_state)
 * @param groupCount {@code ssm.group_count} (groups of the B and C projections)
 * @param headCount  {@code ssm.time_step_rank} (Mamba-2 heads, one dt each)
 * @param convKernel {@code ssm.conv_kernel} (d_conv)
 */
public record Mamba2Mixer(int innerSize, int stateSize, int groupCount, int headCount, int convKernel) {
    /** Not a Mamba-2 model (or one whose header lacks the keys): no mixer stage is planned. */
    public static final Mamba2Mixer NONE = new Mamba2Mixer(0, 0, 0, 0, 0);

    public Mamba2Mixer {
        if (innerSize < 0 || stateSize < 0 || groupCount < 0 || headCount < 0 || convKernel < 0) {
            throw new IllegalArgumentException("Mamba-2 mixer sizes must be non-negative");
        }
    }

    public boolean present() {
        return innerSize > 0 && stateSize > 0 && groupCount > 0;
    }

    /** Channels of the in-projection: z and x (inner each), B and C (groups × state each) and one dt per head. */
    public long inProjection() {
        return 2L * innerSize + 2L * groupCount * stateSize + headCount;
    }

    /** Channels the causal convolution runs over: x, B and C. */
    public long convChannels() {
        return (long) innerSize + 2L * groupCount * stateSize;
    }
}
