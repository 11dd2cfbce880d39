package dev.breakeven.core.fit;

/**
 * The figures of one GPU the planner needs.
 *
 * @param backend        which calibration applies: {@code cuda}, {@code metal} (or another name with its own factors)
 * @param bandwidthGBps  memory bandwidth in GB/s (10^9 bytes)
 * @param fp16Tflops     dense FP16 tensor throughput in TFLOPS; 0 when unknown (prefill is then not predicted)
 */
public record GpuSpec(String name, long vramBytes, double bandwidthGBps, double fp16Tflops, String backend) {
    public GpuSpec {
        if (vramBytes <= 0 || bandwidthGBps <= 0 || fp16Tflops < 0) {
            throw new IllegalArgumentException("GPU needs positive VRAM and bandwidth");
        }
        if (backend == null || backend.isBlank()) {
            backend = "cuda";
        }
    }
}
