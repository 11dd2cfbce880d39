package dev.breakeven.core.fit;

/**
 * Which parts of a model sit on the GPU. Like llama.cpp's {@code -ngl}, offloading counts from the last block
 * backwards; the output layer counts as one more layer and goes to the GPU only when every block does.
 *
 * @param gpuLayers    layers on the GPU in llama.cpp's count (0 … blocks + 1)
 * @param expertsOnCpu MoE expert tensors stay in host memory even for GPU blocks
 */
record Placement(int blocks, int gpuLayers, boolean expertsOnCpu) {

    int gpuBlocks() {
        return Math.min(gpuLayers, blocks);
    }

    boolean outputOnGpu() {
        return gpuLayers > blocks;
    }

    boolean blockOnGpu(int block) {
        return block >= blocks - gpuBlocks();
    }
}
