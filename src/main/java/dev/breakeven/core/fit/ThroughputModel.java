package dev.breakeven.core.fit;

import java.util.Map;

/**
 * Decode and prefill speed from bytes and FLOPs. Decode is memory-bound: each generated token reads the
 * active weights and the KV cache once, so time per token is bytes over effective bandwidth on each device,
 * plus a fixed cost per layer. Prefill is compute-bound: {@code 2 × active parameters} FLOPs per token
 * (plus attention over the context) at a calibrated share of peak.
 */
public final class ThroughputModel {
    private static final double GIGA = 1e9;
    private static final double TERA = 1e12;

    private final Map<String, BackendFactors> factors;

    public ThroughputModel(Map<String, BackendFactors> factors) {
        this.factors = Map.copyOf(factors);
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
