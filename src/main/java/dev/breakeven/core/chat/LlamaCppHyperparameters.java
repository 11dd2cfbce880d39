package dev.breakeven.core.chat;

import dev.breakeven.core.gguf.GgufFile;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Header values the bundled llama.cpp (b4916) is known to abort on (a GGML_ASSERT kills the whole process) or to
 * divide by, checked before anything native sees the file. Sources: llama-hparams.h ({@code LLAMA_MAX_EXPERTS}
 * 256, {@code LLAMA_MAX_LAYERS} 512), llama-model.cpp's load_hparams asserts on the expert counts, ggml's norm
 * kernels' {@code GGML_ASSERT(eps >= 0.0f)}, and {@code n_embd / n_head} for the head size.
 */
final class LlamaCppHyperparameters {
    static final long MAX_EXPERTS = 256;
    static final long MAX_LAYERS = 512;

    private LlamaCppHyperparameters() {
    }

    /** Every value found wrong, each as "key is value (what it must be)"; empty when the header is sane. */
    static List<String> problems(GgufFile gguf, String arch) {
        List<String> problems = new ArrayList<>();
        String a = arch + ".";
        for (String key : List.of("attention.layer_norm_rms_epsilon", "attention.layer_norm_epsilon")) {
            OptionalDouble eps = gguf.number(a + key);
            if (eps.isPresent() && !(eps.getAsDouble() > 0 && Double.isFinite(eps.getAsDouble()))) {
                problems.add(a + key + " is " + eps.getAsDouble() + " (it must be a small positive number such as 1e-5)");
            }
        }
        OptionalLong experts = gguf.uint(a + "expert_count");
        OptionalLong used = gguf.uint(a + "expert_used_count");
        long n = experts.orElse(0);
        long k = used.orElse(0);
        if (n > MAX_EXPERTS) {
            problems.add(a + "expert_count is " + n + " (this llama.cpp takes at most " + MAX_EXPERTS + ")");
        }
        if (k > n) {
            problems.add(a + "expert_used_count is " + k + " but expert_count is " + n
                    + " (a token cannot use more experts than there are)");
        } else if (n > 0 && k == 0) {
            problems.add(a + "expert_count is " + n + " but expert_used_count is 0 (each token needs an expert)");
        }
        OptionalLong layers = gguf.uint(a + "block_count");
        if (layers.isPresent() && (layers.getAsLong() == 0 || layers.getAsLong() > MAX_LAYERS)) {
            problems.add(a + "block_count is " + layers.getAsLong() + " (from 1 to " + MAX_LAYERS + ")");
        }
        OptionalLong heads = gguf.uint(a + "attention.head_count");
        if (heads.isPresent() && heads.getAsLong() == 0) {
            problems.add(a + "attention.head_count is 0 (the head size is the width divided by it)");
        }
        OptionalLong width = gguf.uint(a + "embedding_length");
        if (width.isPresent() && width.getAsLong() == 0) {
            problems.add(a + "embedding_length is 0");
        }
        return problems;
    }
}
