package dev.breakeven.core.fit;

import java.util.Map;

/**
 * Decode and prefill speed from bytes and FLOPs. Decode is memory-bound: each generated token reads the
 * active weights and the KV cache once, so time per token is bytes over effective bandwidth on each device,
 * plus a fixed cost per layer. Prefill is compute-bound: {@code 2 × active parameters} FLOPs per token
 * (plus attention over the context) at a calibrated share of peak. On a GPU a prompt micro-batch also streams its
 * weights once (the dense ones and the experts its tokens touched) at the decode bandwidth, with the per-layer cost;
 * a dense GEMM keeps the calibrated rate, while a MoE expert, which only sees {@code ubatch × used / experts} tokens
 * of a micro-batch, runs its GEMMs at {@code (n + a) / (n + a + h)} of the rate for its {@code n} tokens, relative to
 * the 512-token micro-batch the prefill share was calibrated at; at a few tokens per expert the stream of weights
 * dominates ({@code a}, {@code h}: {@link #gemmOffsetColumns()},
 * {@link #gemmHalfColumns()}, fitted on published MoE rows; docs/fit.md, "MoE prefill").
 */
public final class ThroughputModel {
    private static final double GIGA = 1e9;
    private static final double TERA = 1e12;

    /** The micro-batch the prefill shares are calibrated at (llama.cpp's default {@code -ub}). */
    static final int CALIBRATION_UBATCH = 512;

    /**
     * How a GPU prompt micro-batch is costed. {@code FLAT}: every FLOP at the calibrated rate (before the MoE work);
     * {@code GEMM_CURVE}: expert GEMMs on {@code n / (n + h)}, no weight stream (stop 21); {@code WEIGHT_STREAM}: the
     * weights streamed once per micro-batch plus GEMMs on {@code (n + a) / (n + a + h)} (the planner's form).
     */
    public enum PrefillForm { FLAT, GEMM_CURVE, WEIGHT_STREAM }

    private final Map<String, BackendFactors> factors;
    private final PrefillForm form;
    private final double gemmOffsetColumns;
    private final double gemmHalfColumns;

    public ThroughputModel(Map<String, BackendFactors> factors) {
        this(factors, PrefillForm.FLAT, 0, 0);
    }

    /**
     * @param gemmOffsetColumns columns {@code a} a GEMM behaves as having beyond its real ones (a vector kernel
     *                          still runs at a share of the GEMM rate); 0 under {@code GEMM_CURVE}
     * @param gemmHalfColumns   columns {@code h} at which a GPU GEMM reaches half its large-batch rate (with
     *                          {@code a} = 0); 0 treats every matrix as running at the calibrated rate
     */
    public ThroughputModel(Map<String, BackendFactors> factors, PrefillForm form, double gemmOffsetColumns,
                           double gemmHalfColumns) {
        this.factors = Map.copyOf(factors);
        this.form = form;
        this.gemmOffsetColumns = gemmOffsetColumns;
        this.gemmHalfColumns = gemmHalfColumns;
    }

    /** The same prefill form and curve with other backend factors. */
    public ThroughputModel withFactors(Map<String, BackendFactors> other) {
        return new ThroughputModel(other, form, gemmOffsetColumns, gemmHalfColumns);
    }

    public PrefillForm form() {
        return form;
    }

    public double gemmHalfColumns() {
        return gemmHalfColumns;
    }

    public double gemmOffsetColumns() {
        return gemmOffsetColumns;
    }

    /** Rate of a GEMM over {@code columns} tokens relative to one over the calibration micro-batch. */
    public double relativeGemmRate(double columns) {
        if (gemmHalfColumns <= 0 || form == PrefillForm.FLAT) {
            return 1;
        }
        double c = Math.max(columns, 1e-9) + gemmOffsetColumns;
        double full = CALIBRATION_UBATCH + gemmOffsetColumns;
        return (c / (c + gemmHalfColumns)) / (full / (full + gemmHalfColumns));
    }

    /**
     * Seconds of prompt compute per token on a GPU: the routed-expert FLOPs at the tokens each expert sees, the dense
     * FLOPs at the calibrated rate (under {@code GEMM_CURVE} at the micro-batch's column count), and under
     * {@code WEIGHT_STREAM} the micro-batch's weight stream ({@code streamBytes} through {@code layers} layers, as a
     * decode step reads them) shared by its tokens.
     */
    public double gpuPrefillSeconds(String backend, double fp16Tflops, double bandwidthGBps, double denseFlops,
                                    double expertFlops, int ubatch, double tokensPerExpert, double streamBytes,
                                    int layers) {
        if (denseFlops + expertFlops == 0) {
            return 0;
        }
        if (fp16Tflops <= 0) {
            return Double.NaN;
        }
        double rate = factors(backend).prefillEfficiency() * fp16Tflops * TERA;
        // under the weight stream a dense GEMM of 64 or more columns keeps the calibrated rate: what slows a small
        // dense micro-batch is reading the weights for fewer tokens (PR #7676's sweep, docs/fit.md "MoE prefill")
        double denseRate = form == PrefillForm.WEIGHT_STREAM ? 1 : relativeGemmRate(ubatch);
        double compute = denseFlops / (rate * denseRate)
                + (expertFlops > 0 ? expertFlops / (rate * relativeGemmRate(tokensPerExpert)) : 0);
        return compute + streamSecondsPerToken(backend, bandwidthGBps, streamBytes, layers, ubatch);
    }

    /** The weight stream of one micro-batch shared by its tokens; 0 unless {@code WEIGHT_STREAM}. */
    public double streamSecondsPerToken(String backend, double bandwidthGBps, double streamBytes, int layers,
                                        int ubatch) {
        if (form != PrefillForm.WEIGHT_STREAM || bandwidthGBps <= 0 || (streamBytes <= 0 && layers == 0)) {
            return 0;
        }
        BackendFactors f = factors(backend);
        return (streamBytes / (f.decodeEfficiency() * bandwidthGBps * GIGA) + layers * f.perLayerSeconds())
                / Math.max(1, ubatch);
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
        return decodeSeconds(backend, bandwidthGBps, bytes, layers, factors(backend).perLayerSeconds());
    }

    private double decodeSeconds(String backend, double bandwidthGBps, long bytes, int layers,
                                 double perLayerSeconds) {
        if (bytes == 0 && layers == 0) {
            return 0;
        }
        return bytes / (factors(backend).decodeEfficiency() * bandwidthGBps * GIGA) + layers * perLayerSeconds;
    }

    /** The same on the CPU of {@code host}: its measured per-layer time where a calibration gave one. */
    public double cpuDecodeSeconds(HostSpec host, long bytes, int layers) {
        return decodeSeconds("cpu", host.bandwidthGBps(), bytes, layers,
                host.perLayerSecondsOr(factors("cpu").perLayerSeconds()));
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

    /**
     * Seconds per prompt token on the CPU: the FLOPs at the calibrated per-core rate, plus under {@code WEIGHT_STREAM}
     * the micro-batch's read of the host-resident weights ({@code streamBytes}) at the RAM's decode rate, shared by
     * its tokens. For a dense model that read is a fraction of a percent at 512 tokens; a MoE model reads every
     * expert a micro-batch touched, which at small micro-batches and slow RAM is a visible share.
     *
     * @param computeScale this machine's measured compute rate over the planner's (1 where not calibrated)
     */
    public double cpuPrefillSeconds(int cores, double flops, double bandwidthGBps, double streamBytes, int ubatch,
                                    double computeScale) {
        if (flops == 0) {
            return 0;
        }
        return cpuComputeSeconds(cores, flops) / computeScale
                + streamSecondsPerToken("cpu", bandwidthGBps, streamBytes, 0, ubatch);
    }

    /** Seconds of compute for {@code flops} on the CPU. */
    public double cpuComputeSeconds(int cores, double flops) {
        if (flops == 0) {
            return 0;
        }
        return flops / (factors("cpu").prefillEfficiency() * cores * GIGA);
    }
}
