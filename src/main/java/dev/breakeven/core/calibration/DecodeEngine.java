package dev.breakeven.core.calibration;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine a calibration run decodes through: a child process (llama-bench, later the built-in host or the
 * runtime's llama-server) that loads a GGUF and reports llama.cpp's own prefill and decode rates. Kept this small so
 * another engine can stand in without touching the calibration.
 */
public interface DecodeEngine {

    /** Short name shown with the result, e.g. "llama-bench". */
    String name();

    /** Prefills {@code promptTokens}, then decodes {@code genTokens}, on {@code threads} CPU threads. */
    Rates run(Path gguf, int promptTokens, int genTokens, int threads) throws IOException, InterruptedException;

    /** llama.cpp's rates; prefill is null when the engine did not measure one. */
    record Rates(Double prefillTokPerSec, double decodeTokPerSec) {
        public Rates {
            if (!(decodeTokPerSec > 0) || !Double.isFinite(decodeTokPerSec)) {
                throw new IllegalArgumentException("the engine reported no decode rate: " + decodeTokPerSec);
            }
        }
    }
}
