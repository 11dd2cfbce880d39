package dev.breakeven.core.gguf;

import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.SsmMixer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives the architecture figures ({@link ModelShape}) from a GGUF header's {@code <arch>.*} metadata
 * and its tensor list, with the same defaults llama.cpp applies when a key is absent.
 */
public final class GgufModelShapes {
    /** Tensors that hold all experts of a layer: {@code blk.N.ffn_up_exps.weight} (merged) or {@code blk.N.ffn_up.E.weight}. */
    private static final Pattern EXPERT_TENSOR = Pattern.compile("blk\\.\\d+\\.ffn_(gate|up|down|gate_up)(_exps|\\.\\d+)\\..*");

    /**
     * Sliding-window layer period for architectures whose GGUF has no {@code sliding_window_pattern} key:
     * in each period of n layers the first n−1 use the window (llama.cpp's {@code n_swa_pattern}).
     */
    private static final Map<String, Integer> SLIDING_WINDOW_PERIOD = Map.of(
            "gemma2", 2,     // local and global attention alternate, local first
            "gemma3", 6,     // five local layers, then one global
            "cohere2", 4,    // three local layers, then one global
            "gpt-oss", 2,    // banded and dense attention alternate
            "llama4", 4);    // three chunked layers, then one full (llama.cpp's set_swa_pattern(4))

    /**
     * llama4's attention chunk: llama.cpp runs Llama 4 with {@code n_swa = 8192}, chunked ({@code LLAMA_SWA_TYPE_CHUNKED}),
     * whatever the header says, unless the header sets {@code attention.sliding_window} to 0 (chunking off). A chunked
     * layer's cache is bounded like a sliding-window one: chunk plus one micro-batch.
     */
    private static final int LLAMA4_CHUNK = 8192;

    /**
     * Architectures whose recurrent layers are llama.cpp's Mamba-2 mixer ({@code build_mamba2_layer}) or its gated
     * delta-net layer: their intermediates size the compute buffer. Short-conv (lfm2) and other kinds are not modelled.
     */
    private static final Map<String, SsmMixer.Kind> MIXERS = Map.of("mamba2", SsmMixer.Kind.MAMBA2,
            "nemotron_h", SsmMixer.Kind.MAMBA2, "nemotron_h_moe", SsmMixer.Kind.MAMBA2,
            "granitehybrid", SsmMixer.Kind.MAMBA2, "qwen3next", SsmMixer.Kind.GATED_DELTA_NET,
            "qwen35", SsmMixer.Kind.GATED_DELTA_NET, "qwen35moe", SsmMixer.Kind.GATED_DELTA_NET);

    /** The shape and what had to be assumed on the way. */
    public record Derivation(ModelShape shape, List<String> notes) {
        public Derivation {
            notes = List.copyOf(notes);
        }
    }

    private GgufModelShapes() {
    }

    public static ModelShape from(GgufFile file) {
        return derive(file).shape();
    }

    /** @throws GgufFormatException when the header lacks the architecture or its layer count, embedding size or heads */
    public static Derivation derive(GgufFile file) {
        List<String> notes = new ArrayList<>();
        String arch = file.architecture().orElseThrow(() -> new GgufFormatException(
                "the file has no general.architecture, so its model shape is unknown"));
        String p = arch + ".";

        int blocks = required(file, p + "block_count");
        int embedding = required(file, p + "embedding_length");
        int heads = maxOf(file, p + "attention.head_count", notes).orElse(0);
        boolean pureRecurrent = heads <= 0 && intValue(file, p + "ssm.inner_size").orElse(0) > 0;
        if (heads <= 0 && !pureRecurrent) {
            if (file.value(p + "attention.head_count").isEmpty()) {
                throw missing(p + "attention.head_count");
            }
            throw new GgufFormatException(p + "attention.head_count is 0 and there is no " + p
                    + "ssm.inner_size; the model has neither attention heads nor a recurrent state to plan for");
        }
        if (pureRecurrent) {
            // a pure SSM (mamba, mamba2): every layer holds a fixed state and no KV cache; one nominal head keeps
            // the attention terms (none of which applies) at zero-like size
            heads = 1;
            notes.add("no attention layers: every layer is recurrent (pure SSM); memory holds its state, no KV cache");
        }
        int recurrent = pureRecurrent ? blocks : layersWithoutKv(file, p, blocks);
        int stateful = statefulLayers(file, p, blocks, recurrent);
        int headsKv = pureRecurrent ? 1 : maxOf(file, p + "attention.head_count_kv", notes).orElse(heads);
        if (headsKv <= 0) {
            notes.add("head_count_kv is 0; assumed equal to head_count");
            headsKv = heads;
        }
        int keyLength = pureRecurrent ? 1 : intValue(file, p + "attention.key_length").orElse(embedding / heads);
        int valueLength = pureRecurrent ? 1 : intValue(file, p + "attention.value_length").orElse(embedding / heads);
        int context = intValue(file, p + "context_length").orElse(0);
        if (context == 0) {
            notes.add("no " + p + "context_length; the trained context is unknown");
        }
        int feedForward = maxOf(file, p + "feed_forward_length", notes).orElse(0);
        int experts = intValue(file, p + "expert_count").orElse(0);
        int expertsUsed = intValue(file, p + "expert_used_count").orElse(0);
        int expertFeedForward = intValue(file, p + "expert_feed_forward_length").orElse(0);
        int vocab = vocabulary(file, p);

        int window = intValue(file, p + "attention.sliding_window").orElse(0);
        if (arch.equals("llama4") && file.value(p + "attention.sliding_window").isEmpty()) {
            window = LLAMA4_CHUNK;
            notes.add("llama4 chunked attention: 3 of every 4 layers attend within chunks of " + LLAMA4_CHUNK
                    + " tokens (llama.cpp's built-in chunk), so their KV cache stops growing there");
        }
        int windowLayers = window > 0 ? slidingWindowLayers(file, arch, blocks, notes) : 0;

        long parameters = 0;
        long active = 0;
        for (GgufTensorInfo tensor : file.tensors()) {
            long elements = tensor.elementCount();
            parameters += elements;
            boolean expert = experts > 0 && expertsUsed > 0 && isExpertTensor(tensor.name());
            active += expert ? activeShare(tensor, elements, experts, expertsUsed) : elements;
        }
        int latent = mlaLatent(file, p);
        long state = stateful > 0 ? (long) stateful * recurrentStateElementsPerLayer(file, p, notes) : 0;
        if (recurrent > 0) {
            notes.add(recurrent + " of " + blocks + " layers have no KV cache, " + stateful + " of them recurrent; "
                    + "their state is estimated from " + p + "ssm.* keys");
        }
        return new Derivation(new ModelShape(arch, parameters, active, blocks, embedding, feedForward, heads, headsKv,
                keyLength, valueLength, context, vocab, experts, expertsUsed, expertFeedForward, window, windowLayers,
                latent, recurrent, state, recurrent > 0 ? ssmMixer(file, arch) : SsmMixer.NONE), notes);
    }

    /**
     * llama.cpp treats a model as MLA ({@code hparams.is_mla()}) when the header carries the decompressed head sizes
     * {@code attention.key_length_mla} and {@code value_length_mla}; it then caches only K, of
     * {@code kv_lora_rank + n_rot} elements per token and layer ({@code llama-kv-cache.cpp}: {@code has_v = !is_mla}).
     * Older deepseek2 files without those keys run as ordinary multi-head attention, which the default formula covers.
     */
    private static int mlaLatent(GgufFile file, String p) {
        boolean mla = intValue(file, p + "attention.key_length_mla").orElse(0) > 0
                && intValue(file, p + "attention.value_length_mla").orElse(0) > 0;
        if (!mla) {
            return 0;
        }
        int rank = intValue(file, p + "attention.kv_lora_rank").orElse(0);
        int rope = intValue(file, p + "rope.dimension_count").orElse(0);
        if (rank <= 0) {
            throw new GgufFormatException(p + "attention.kv_lora_rank is missing or 0 in an MLA header");
        }
        return rank + rope;
    }

    /**
     * Layers without a KV cache: zeros in a per-layer {@code attention.head_count_kv} array (nemotron_h,
     * granitehybrid, lfm2), or for qwen3next-style files all but every {@code full_attention_interval}-th layer.
     */
    private static int layersWithoutKv(GgufFile file, String p, int blocks) {
        var kv = file.value(p + "attention.head_count_kv");
        if (kv.isPresent() && kv.get() instanceof GgufValue.Array array && !array.elements().isEmpty()) {
            int zeros = 0;
            for (GgufValue element : array.elements()) {
                if (element.asLong().orElse(1) == 0) {
                    zeros++;
                }
            }
            return zeros == array.elements().size() ? 0 : Math.min(zeros, blocks - 1);
        }
        int interval = intValue(file, p + "full_attention_interval").orElse(0);
        if (interval > 1) {
            return blocks - blocks / interval;
        }
        return 0;
    }

    /**
     * Of the layers without KV, those with a recurrent state: nemotron_h also has FFN-only layers (a non-zero entry
     * in a per-layer {@code feed_forward_length} array), which llama.cpp's {@code recurrent_layer_arr} leaves out.
     */
    private static int statefulLayers(GgufFile file, String p, int blocks, int withoutKv) {
        var kv = file.value(p + "attention.head_count_kv");
        var ff = file.value(p + "feed_forward_length");
        if (withoutKv == 0 || kv.isEmpty() || !(kv.get() instanceof GgufValue.Array kvs)
                || ff.isEmpty() || !(ff.get() instanceof GgufValue.Array ffs)
                || ffs.elements().size() != kvs.elements().size()) {
            return withoutKv;
        }
        int stateful = 0;
        for (int i = 0; i < Math.min(blocks, kvs.elements().size()); i++) {
            if (kvs.elements().get(i).asLong().orElse(1) == 0 && ffs.elements().get(i).asLong().orElse(0) == 0) {
                stateful++;
            }
        }
        return stateful;
    }

    /**
     * Mamba-style state of one recurrent layer (llama.cpp's {@code n_embd_r() + n_embd_s()}): the conv window
     * {@code (d_conv − 1) × (d_inner + 2 · n_group · d_state)} plus the SSM state {@code d_state × d_inner}. Other
     * recurrent kinds (gated delta-net, LFM2 short conv) differ in detail, so this is an estimate.
     */
    private static long recurrentStateElementsPerLayer(GgufFile file, String p, List<String> notes) {
        long shortConv = intValue(file, p + "shortconv.l_cache").orElse(0);
        if (shortConv > 0) {
            // LFM2's gated short convolution keeps the last l_cache − 1 inputs of the layer (n_embd_r), no SSM state
            return (shortConv - 1) * intValue(file, p + "embedding_length").orElse(0);
        }
        long conv = intValue(file, p + "ssm.conv_kernel").orElse(0);
        long inner = intValue(file, p + "ssm.inner_size").orElse(0);
        long state = intValue(file, p + "ssm.state_size").orElse(0);
        // Mamba-1 has no groups (its conv state is (d_conv − 1) × d_inner); Mamba-2 files carry ssm.group_count
        long groups = intValue(file, p + "ssm.group_count").orElse(0);
        if (inner == 0) {
            notes.add("no " + p + "ssm.inner_size; the recurrent state is left out of memory");
            return 0;
        }
        return Math.max(0, conv - 1) * (inner + 2 * groups * state) + state * inner;
    }

    private static SsmMixer ssmMixer(GgufFile file, String arch) {
        SsmMixer.Kind kind = MIXERS.getOrDefault(arch, SsmMixer.Kind.NONE);
        if (kind == SsmMixer.Kind.NONE) {
            return SsmMixer.NONE;
        }
        String p = arch + ".ssm.";
        return new SsmMixer(kind, intValue(file, p + "inner_size").orElse(0), intValue(file, p + "state_size").orElse(0),
                intValue(file, p + "group_count").orElse(0), intValue(file, p + "time_step_rank").orElse(0),
                intValue(file, p + "conv_kernel").orElse(0));
    }

    /** Whether a tensor holds MoE experts (merged {@code _exps} or one numbered expert); shared experts do not count. */
    static boolean isExpertTensor(String name) {
        return EXPERT_TENSOR.matcher(name).matches();
    }

    private static long activeShare(GgufTensorInfo tensor, long elements, int experts, int used) {
        boolean merged = tensor.name().contains("_exps.");
        // a merged tensor holds every expert; a per-expert tensor is one of `experts` alike
        return merged ? elements / experts * used : Math.round((double) elements * used / experts);
    }

    private static int vocabulary(GgufFile file, String prefix) {
        var tokens = file.value("tokenizer.ggml.tokens");
        if (tokens.isPresent() && tokens.get() instanceof GgufValue.Array array) {
            return (int) Math.min(array.length(), Integer.MAX_VALUE);
        }
        OptionalLong vocab = file.uint(prefix + "vocab_size");
        if (vocab.isPresent()) {
            return (int) Math.min(vocab.getAsLong(), Integer.MAX_VALUE);
        }
        return file.tensor("token_embd.weight").filter(t -> t.dimensions().size() >= 2)
                .map(t -> (int) Math.min(t.dimensions().get(1), Integer.MAX_VALUE)).orElse(0);
    }

    private static int slidingWindowLayers(GgufFile file, String arch, int blocks, List<String> notes) {
        String key = arch + ".attention.sliding_window_pattern";
        var pattern = file.value(key);
        if (pattern.isPresent()) {
            if (pattern.get() instanceof GgufValue.Array array) {
                int count = 0;
                for (GgufValue element : array.elements()) {
                    if (element instanceof GgufValue.Bool(boolean sliding) && sliding) {
                        count++;
                    }
                }
                return Math.min(count, blocks);
            }
            int period = intValue(file, key).orElse(0);
            if (period > 0) {
                return layersInPeriod(blocks, period);
            }
        }
        Integer period = SLIDING_WINDOW_PERIOD.get(arch);
        if (period != null) {
            return layersInPeriod(blocks, period);
        }
        notes.add("sliding window without a layer pattern; assumed on every layer");
        return blocks;
    }

    /** Layers {@code il} with {@code il % period < period - 1}: all but the last of each period (all when period is 1). */
    private static int layersInPeriod(int blocks, int period) {
        if (period == 1) {
            return blocks;
        }
        int count = 0;
        for (int layer = 0; layer < blocks; layer++) {
            if (layer % period < period - 1) {
                count++;
            }
        }
        return count;
    }

    private static int required(GgufFile file, String key) {
        int value = intValue(file, key).orElseThrow(() -> missing(key));
        if (value <= 0) {
            throw new GgufFormatException(key + " is " + value + "; the model shape needs a positive value");
        }
        return value;
    }

    private static GgufFormatException missing(String key) {
        return new GgufFormatException("the header has no " + key + ", so the model shape is unknown");
    }

    private static java.util.Optional<Integer> intValue(GgufFile file, String key) {
        OptionalLong value = file.uint(key);
        if (value.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (value.getAsLong() > Integer.MAX_VALUE) {
            throw new GgufFormatException(key + " is " + value.getAsLong() + ", too large to be real");
        }
        return java.util.Optional.of((int) value.getAsLong());
    }

    /** An integer, or the largest element of a per-layer integer array. */
    private static java.util.Optional<Integer> maxOf(GgufFile file, String key, List<String> notes) {
        var value = file.value(key);
        if (value.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (value.get() instanceof GgufValue.Array array) {
            long max = 0;
            long min = Long.MAX_VALUE;
            for (GgufValue element : array.elements()) {
                long n = element.asLong().orElseThrow(() -> new GgufFormatException(key + " holds a " + element.type()
                        + ", expected integers"));
                if (n < 0 || n > Integer.MAX_VALUE) {
                    throw new GgufFormatException(key + " holds " + n + ", not a valid count");
                }
                max = Math.max(max, n);
                min = Math.min(min, n);
            }
            if (array.elements().isEmpty()) {
                return java.util.Optional.empty();
            }
            if (min != max) {
                notes.add(key + " varies per layer (" + min + " to " + max + "); the largest is used");
            }
            return java.util.Optional.of((int) max);
        }
        return intValue(file, key);
    }
}
