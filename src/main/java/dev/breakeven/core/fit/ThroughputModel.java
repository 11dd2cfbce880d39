package dev.breakeven.core.fit;

import java.util.Map;

/**
 * Decode and prefill speed from bytes and FLOPs. Decode is memory-bound: each generated token reads the
 * active weights and the KV cache once, so time per token is bytes over effective bandwidth on each device,
 * plus a fixed cost per layer. Prefill is compute-bound: {@code 2 × active parameters} FLOPs per token
 * (plus attention over the context) at a calibrated share of peak. On a GPU a matrix multiplication over {@code n}
 * token columns runs at {@code n / (n + h)} of its large-batch rate, relative to the 512-token micro-batch the
 * prefill share was calibrated at; a MoE expert only sees {@code ubatch × used / experts} tokens of a micro-batch,
 * so its GEMMs run far down that curve ({@code h}: {@link #gemmHalfColumns()}, fitted on published MoE rows).
 */
public final class ThroughputModel {
    private static final double GIGA = 1e9;
    private static final double TERA = 1e12;

    /** The micro-batch the prefill shares are calibrated at (llama.cpp's default {@code -ub}). */
    static final int CALIBRATION_UBATCH = 512;

    private final Map<String, BackendFactors> factors;
    private final double gemmHalfColumns;

    public ThroughputModel(Map<String, BackendFactors> factors) {
        this(factors, 0);
    }

    /**
     * @param gemmHalfColumns token columns at which a GPU GEMM reaches half its large-batch rate; 0 treats every
     *                        matrix as running at the calibrated rate (no MoE penalty)
     */
    public ThroughputModel(Map<String, BackendFactors> factors, double gemmHalfColumns) {
        this.factors = Map.copyOf(factors);
        this.gemmHalfColumns = gemmHalfColumns;
    }

    public double gemmHalfColumns() {
        return gemmHalfColumns;
    }

    /** Rate of a GEMM over {@code columns} tokens relative to one over the calibration micro-batch. */
    public double relativeGemmRate(double columns) {
        if (gemmHalfColumns <= 0) {
            return 1;
        }
        double c = Math.max(columns, 1e-9);
        return (c / (c + gemmHalfColumns)) / ((double) CALIBRATION_UBATCH / (CALIBRATION_UBATCH + gemmHalfColumns));
    }

    /**
     * Seconds of prompt compute on a GPU: the dense FLOPs at the micro-batch's column count, the routed-expert FLOPs
     * at the tokens each expert sees.
     */
    public double gpuPrefillSeconds(String backend, double fp16Tflops, double denseFlops, double expertFlops,
                                    int ubatch, double tokensPerExpert) {
        if (denseFlops + expertFlops == 0) {
            return 0;
        }
        if (fp16Tflops <= 0) {
            return Double.NaN;
        }
        double rate = factors(backend).prefillEfficiency() * fp16Tflops * TERA;
        return denseFlops / (rate * relativeGemmRate(ubatch))
                + (expertFlops > 0 ? expertFlops / (rate * relativeGemmRate(tokensPerExpert)) : 0);
    }

    public BackendFactors factors(String backend) {
        BackendFactors f = factors.get(backend);
        if (f == null) {
            f = factors.get("cuda");
        }
        if (f == null) {
            throw new IllegalStateException("no calibration for backend " + backend);
        }
        return f;
    }

    public Map<String, BackendFactors> all() {
        return factors;
    }

    /** Seconds to read {@code bytes} through {@code layers} layers on a device of the given backend. */
    public double decodeSeconds(String backend, double bandwidthGBps, long bytes, int layers) {
        if (bytes == 0 && layers == 0) {
            return 0;
        }
        BackendFactors f = factors(backend);
        return bytes / (f.decodeEfficiency() * bandwidthGBps * GIGA) + layers * f.perLayerSeconds();
    }

    /** Seconds of compute for {@code flops} on a GPU of the given backend. */
    public double gpuComputeSeconds(String backend, double fp16Tflops, double flops) {
        if (flops == 0) {
            return 0;
        }
        if (fp16Tflops <= 0) {
            return Double.NaN;
        }
        return flops / (factors(backend).prefillEfficiency() * fp16Tflops * TERA);
    }

    /** Seconds of compute for {@code flops} on the CPU. */
    public double cpuComputeSeconds(int cores, double flops) {
        if (flops == 0) {
            return 0;
        }
        return flops / (factors("cpu").prefillEfficiency() * cores * GIGA);
    }
}
