package dev.breakeven.core.fit;

import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Sparse GGUF files with the shapes of the architectures people run in 2026 (llama 3, qwen3, gemma3, gpt-oss),
 * every tensor llama.cpp's loader asks for, data left as holes, an SPM vocabulary of the right size. The
 * flash-attention allocation figures in src/test/resources/fit were measured on these files.
 */
public final class ArchShapeFiles {
    /**
     * @param headDim      per-head key/value size ({@code attention.key_length})
     * @param window       sliding-window span (0: none); the layer pattern is llama.cpp's built-in one
     * @param experts      experts per layer (0: dense)
     */
    record Spec(String name, String arch, int blocks, int hidden, int ffn, int heads, int kvHeads, int headDim,
                int vocab, boolean tiedOutput, int window, int experts, int expertsUsed, int expertFfn) {
    }

    static final Spec LLAMA3_8B = new Spec("llama-3-8b", "llama", 32, 4096, 14336, 32, 8, 128, 128256, false, 0, 0, 0, 0);
    static final Spec QWEN3_8B = new Spec("qwen3-8b", "qwen3", 36, 4096, 12288, 32, 8, 128, 151936, false, 0, 0, 0, 0);
    static final Spec QWEN3_06B = new Spec("qwen3-0.6b", "qwen3", 28, 1024, 3072, 16, 8, 128, 151936, true, 0, 0, 0, 0);
    static final Spec GEMMA3_4B = new Spec("gemma3-4b", "gemma3", 34, 2560, 10240, 8, 4, 256, 262144, true, 1024, 0, 0, 0);
    static final Spec GPT_OSS_20B = new Spec("gpt-oss-20b", "gpt-oss", 24, 2880, 0, 64, 8, 64, 201088, false, 128, 32, 4,
            2880);

    static final List<Spec> ALL = List.of(LLAMA3_8B, QWEN3_8B, QWEN3_06B, GEMMA3_4B, GPT_OSS_20B);
    /** Small shapes for CPU speed benchmarks (TinyLlama-1.1B and Llama-3.2-1B's published configs), not in ALL. */
    static final Spec TINYLLAMA_11B = new Spec("tinyllama-1.1b", "llama", 22, 2048, 5632, 32, 4, 64, 32000, false, 0, 0,
            0, 0);
    static final Spec LLAMA32_1B = new Spec("llama-3.2-1b", "llama", 16, 2048, 8192, 32, 8, 64, 128256, true, 0, 0, 0,
            0);

    private ArchShapeFiles() {
    }

    static Spec named(String name) {
        return java.util.stream.Stream.concat(ALL.stream(), java.util.stream.Stream.of(TINYLLAMA_11B, LLAMA32_1B))
                .filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shape " + name));
    }

    /** Writes {@code s} with its matrices in {@code type} (MoE experts in MXFP4, as gpt-oss ships). */
    static Path write(Spec s, GgmlType type, Path file) throws IOException {
        GgufWriter w = new GgufWriter();
        String a = s.arch() + ".";
        w.putString("general.architecture", s.arch());
        w.putString("general.name", s.name());
        w.putUInt32("general.quantization_version", 2);
        w.putUInt32(a + "context_length", 131072);
        w.putUInt32(a + "embedding_length", s.hidden());
        w.putUInt32(a + "block_count", s.blocks());
        w.putUInt32(a + "feed_forward_length", s.experts() > 0 ? s.expertFfn() : s.ffn());
        w.putUInt32(a + "attention.head_count", s.heads());
        w.putUInt32(a + "attention.head_count_kv", s.kvHeads());
        w.putUInt32(a + "attention.key_length", s.headDim());
        w.putUInt32(a + "attention.value_length", s.headDim());
        w.putUInt32(a + "rope.dimension_count", s.headDim());
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-6f);
        w.putFloat32(a + "rope.freq_base", 1_000_000f);
        if (s.window() > 0) {
            w.putUInt32(a + "attention.sliding_window", s.window());
        }
        if (s.experts() > 0) {
            w.putUInt32(a + "expert_count", s.experts());
            w.putUInt32(a + "expert_used_count", s.expertsUsed());
            w.putUInt32(a + "expert_feed_forward_length", s.expertFfn());
        }
        CalibrationShape.fillerVocabulary(w, s.vocab());
        int e = s.hidden();
        long q = (long) s.heads() * s.headDim();
        long kv = (long) s.kvHeads() * s.headDim();
        w.addSparseTensor("token_embd.weight", type, e, s.vocab());
        w.addSparseTensor("output_norm.weight", GgmlType.F32, e);
        if (!s.tiedOutput()) {
            w.addSparseTensor("output.weight", type, e, s.vocab());
        }
        for (int i = 0; i < s.blocks(); i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            w.addSparseTensor(b + "attn_q.weight", type, e, q);
            w.addSparseTensor(b + "attn_k.weight", type, e, kv);
            w.addSparseTensor(b + "attn_v.weight", type, e, kv);
            w.addSparseTensor(b + "attn_output.weight", type, q, e);
            if (s.arch().equals("qwen3") || s.arch().equals("gemma3")) {
                w.addSparseTensor(b + "attn_q_norm.weight", GgmlType.F32, s.headDim());
                w.addSparseTensor(b + "attn_k_norm.weight", GgmlType.F32, s.headDim());
            }
            switch (s.arch()) {
                case "gemma3" -> {
                    w.addSparseTensor(b + "post_attention_norm.weight", GgmlType.F32, e);
                    w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, e);
                    w.addSparseTensor(b + "post_ffw_norm.weight", GgmlType.F32, e);
                    denseFfn(w, b, type, e, s.ffn());
                }
                case "gpt-oss" -> {
                    w.addSparseTensor(b + "attn_q.bias", GgmlType.F32, q);
                    w.addSparseTensor(b + "attn_k.bias", GgmlType.F32, kv);
                    w.addSparseTensor(b + "attn_v.bias", GgmlType.F32, kv);
                    w.addSparseTensor(b + "attn_output.bias", GgmlType.F32, e);
                    w.addSparseTensor(b + "attn_sinks.weight", GgmlType.F32, s.heads());
                    w.addSparseTensor(b + "post_attention_norm.weight", GgmlType.F32, e);
                    w.addSparseTensor(b + "ffn_gate_inp.weight", GgmlType.F32, e, s.experts());
                    w.addSparseTensor(b + "ffn_gate_inp.bias", GgmlType.F32, s.experts());
                    w.addSparseTensor(b + "ffn_gate_exps.weight", GgmlType.MXFP4, e, s.expertFfn(), s.experts());
                    w.addSparseTensor(b + "ffn_up_exps.weight", GgmlType.MXFP4, e, s.expertFfn(), s.experts());
                    w.addSparseTensor(b + "ffn_down_exps.weight", GgmlType.MXFP4, s.expertFfn(), e, s.experts());
                    w.addSparseTensor(b + "ffn_gate_exps.bias", GgmlType.F32, s.expertFfn(), s.experts());
                    w.addSparseTensor(b + "ffn_up_exps.bias", GgmlType.F32, s.expertFfn(), s.experts());
                    w.addSparseTensor(b + "ffn_down_exps.bias", GgmlType.F32, e, s.experts());
                }
                default -> {
                    w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, e);
                    denseFfn(w, b, type, e, s.ffn());
                }
            }
        }
        w.write(file);
        return file;
    }

    /**
     * A small deepseek2 file as current convert_hf_to_gguf writes MLA models: one KV "head" of
     * {@code kv_lora_rank + rope} key and {@code kv_lora_rank} value elements, the decompressed head sizes in the
     * {@code _mla} keys, split {@code attn_k_b}/{@code attn_v_b}, dense FFN on every layer.
     */
    static Path writeDeepseek2(int blocks, int hidden, int heads, int kvLoraRank, int rope, GgmlType type, Path file)
            throws IOException {
        int qLoraRank = 64;
        int nope = 32;
        int valueMla = 32;
        int ffn = 512;
        int vocab = 1024;
        GgufWriter w = new GgufWriter();
        String a = "deepseek2.";
        w.putString("general.architecture", "deepseek2");
        w.putString("general.name", "deepseek2-mla-small");
        w.putUInt32("general.quantization_version", 2);
        w.putUInt32(a + "context_length", 163840);
        w.putUInt32(a + "embedding_length", hidden);
        w.putUInt32(a + "block_count", blocks);
        w.putUInt32(a + "feed_forward_length", ffn);
        w.putUInt32(a + "attention.head_count", heads);
        w.putUInt32(a + "attention.head_count_kv", 1);
        w.putUInt32(a + "attention.key_length", kvLoraRank + rope);
        w.putUInt32(a + "attention.value_length", kvLoraRank);
        w.putUInt32(a + "attention.key_length_mla", nope + rope);
        w.putUInt32(a + "attention.value_length_mla", valueMla);
        w.putUInt32(a + "attention.q_lora_rank", qLoraRank);
        w.putUInt32(a + "attention.kv_lora_rank", kvLoraRank);
        w.putUInt32(a + "rope.dimension_count", rope);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-6f);
        w.putFloat32(a + "rope.freq_base", 10000f);
        w.putUInt32(a + "leading_dense_block_count", blocks);
        w.putUInt32(a + "expert_feed_forward_length", 128);
        w.putUInt32(a + "expert_shared_count", 0);
        w.putFloat32(a + "expert_weights_scale", 1f);
        CalibrationShape.fillerVocabulary(w, vocab);
        w.addSparseTensor("token_embd.weight", type, hidden, vocab);
        w.addSparseTensor("output_norm.weight", GgmlType.F32, hidden);
        w.addSparseTensor("output.weight", type, hidden, vocab);
        for (int i = 0; i < blocks; i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, hidden);
            w.addSparseTensor(b + "attn_q_a_norm.weight", GgmlType.F32, qLoraRank);
            w.addSparseTensor(b + "attn_kv_a_norm.weight", GgmlType.F32, kvLoraRank);
            w.addSparseTensor(b + "attn_q_a.weight", type, hidden, qLoraRank);
            w.addSparseTensor(b + "attn_q_b.weight", type, qLoraRank, (long) heads * (nope + rope));
            w.addSparseTensor(b + "attn_kv_a_mqa.weight", type, hidden, kvLoraRank + rope);
            w.addSparseTensor(b + "attn_k_b.weight", GgmlType.F16, nope, kvLoraRank, heads);
            w.addSparseTensor(b + "attn_v_b.weight", GgmlType.F16, kvLoraRank, valueMla, heads);
            w.addSparseTensor(b + "attn_output.weight", type, (long) heads * valueMla, hidden);
            w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, hidden);
            denseFfn(w, b, type, hidden, ffn);
        }
        w.write(file);
        return file;
    }

    /**
     * A small nemotron_h (Mamba-2 hybrid) file: layers mamba, FFN, mamba, attention, mamba, FFN, with the tensors
     * llama.cpp's loader asks for (hidden 1024, d_inner 2048, d_state 128, 8 groups, conv 4, 32 SSM heads).
     */
    static Path writeNemotronH(Path file) throws IOException {
        int e = 1024, inner = 2048, state = 128, groups = 8, conv = 4, ssmHeads = 32, heads = 8, kvh = 2, hd = 128, ff = 2048;
        int[] kv = {0, 0, 0, kvh, 0, 0};
        int[] ffs = {0, ff, 0, 0, 0, ff};
        GgufWriter w = new GgufWriter();
        String a = "nemotron_h.";
        w.putString("general.architecture", "nemotron_h").putString("general.name", "nh");
        w.putUInt32(a + "context_length", 131072).putUInt32(a + "embedding_length", e).putUInt32(a + "block_count", 6);
        w.putInts(a + "feed_forward_length", ffs).putUInt32(a + "attention.head_count", heads);
        w.putInts(a + "attention.head_count_kv", kv).putUInt32(a + "attention.key_length", hd)
                .putUInt32(a + "attention.value_length", hd);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-5f).putFloat32(a + "attention.layer_norm_epsilon", 1e-5f).putFloat32(a + "rope.freq_base", 10000f);
        w.putUInt32(a + "ssm.conv_kernel", conv).putUInt32(a + "ssm.inner_size", inner)
                .putUInt32(a + "ssm.state_size", state).putUInt32(a + "ssm.time_step_rank", ssmHeads)
                .putUInt32(a + "ssm.group_count", groups);
        CalibrationShape.fillerVocabulary(w, 1024);
        GgmlType t = GgmlType.F16;
        w.addSparseTensor("token_embd.weight", t, e, 1024);
        w.addSparseTensor("output_norm.weight", GgmlType.F32, e);
        w.addSparseTensor("output.weight", t, e, 1024);
        int convDim = inner + 2 * groups * state;
        for (int i = 0; i < 6; i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            if (kv[i] > 0) {
                w.addSparseTensor(b + "attn_q.weight", t, e, heads * hd);
                w.addSparseTensor(b + "attn_k.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_v.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_output.weight", t, heads * hd, e);
            } else if (ffs[i] > 0) {
                w.addSparseTensor(b + "ffn_up.weight", t, e, ff);
                w.addSparseTensor(b + "ffn_down.weight", t, ff, e);
            } else {
                w.addSparseTensor(b + "ssm_in.weight", t, e, 2 * inner + 2 * groups * state + ssmHeads);
                w.addSparseTensor(b + "ssm_conv1d.weight", GgmlType.F32, conv, convDim);
                w.addSparseTensor(b + "ssm_conv1d.bias", GgmlType.F32, convDim);
                w.addSparseTensor(b + "ssm_dt.bias", GgmlType.F32, ssmHeads);
                w.addSparseTensor(b + "ssm_a", GgmlType.F32, 1, ssmHeads);
                w.addSparseTensor(b + "ssm_d", GgmlType.F32, 1, ssmHeads);
                w.addSparseTensor(b + "ssm_norm.weight", GgmlType.F32, inner / groups, groups);
                w.addSparseTensor(b + "ssm_out.weight", t, inner, e);
            }
        }
        w.write(file);
        return file;
    }

    /**
     * A small llama4 file: 4 blocks (llama.cpp's built-in pattern makes the first three of each four chunked, the
     * fourth full attention), MoE on every second block with a shared expert, F16 matrices. No
     * {@code attention.sliding_window} key, as in converted Llama 4 files: llama.cpp then uses chunks of 8192.
     */
    static Path writeLlama4(Path file) throws IOException {
        int e = 512, heads = 8, kvh = 2, hd = 64, ff = 1024, experts = 4, expertFf = 512, vocab = 1024, blocks = 4;
        GgufWriter w = new GgufWriter();
        String a = "llama4.";
        w.putString("general.architecture", "llama4").putString("general.name", "l4");
        w.putUInt32(a + "context_length", 262144).putUInt32(a + "embedding_length", e).putUInt32(a + "block_count", blocks);
        w.putUInt32(a + "feed_forward_length", ff).putUInt32(a + "attention.head_count", heads);
        w.putUInt32(a + "attention.head_count_kv", kvh).putUInt32(a + "attention.key_length", hd)
                .putUInt32(a + "attention.value_length", hd).putUInt32(a + "rope.dimension_count", hd);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-5f).putFloat32(a + "rope.freq_base", 500000f);
        w.putUInt32(a + "expert_count", experts).putUInt32(a + "expert_used_count", 1)
                .putUInt32(a + "expert_feed_forward_length", expertFf).putUInt32(a + "interleave_moe_layer_step", 2);
        CalibrationShape.fillerVocabulary(w, vocab);
        GgmlType t = GgmlType.F16;
        w.addSparseTensor("token_embd.weight", t, e, vocab);
        w.addSparseTensor("output_norm.weight", GgmlType.F32, e);
        w.addSparseTensor("output.weight", t, e, vocab);
        for (int i = 0; i < blocks; i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            w.addSparseTensor(b + "attn_q.weight", t, e, heads * hd);
            w.addSparseTensor(b + "attn_k.weight", t, e, kvh * hd);
            w.addSparseTensor(b + "attn_v.weight", t, e, kvh * hd);
            w.addSparseTensor(b + "attn_output.weight", t, heads * hd, e);
            w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, e);
            if ((i + 1) % 2 == 0) {
                w.addSparseTensor(b + "ffn_gate_inp.weight", GgmlType.F32, e, experts);
                w.addSparseTensor(b + "ffn_gate_exps.weight", t, e, expertFf, experts);
                w.addSparseTensor(b + "ffn_up_exps.weight", t, e, expertFf, experts);
                w.addSparseTensor(b + "ffn_down_exps.weight", t, expertFf, e, experts);
                w.addSparseTensor(b + "ffn_gate_shexp.weight", t, e, expertFf);
                w.addSparseTensor(b + "ffn_up_shexp.weight", t, e, expertFf);
                w.addSparseTensor(b + "ffn_down_shexp.weight", t, expertFf, e);
            } else {
                denseFfn(w, b, t, e, ff);
            }
        }
        w.write(file);
        return file;
    }

    /** A small pure Mamba-2 file: 4 blocks, no attention at all, F16 matrices. */
    static Path writeMamba2(Path file) throws IOException {
        return RecurrentShapeFiles.writeMamba2(RecurrentShapeFiles.Mamba2.SMALL, file);
    }

    /**
     * A small granitehybrid file (Granite 4.0 H shape, dense FFN): layers mamba, mamba, mamba, attention, each with an
     * FFN; Mamba-2 mixers of inner 1024, state 128, 1 group, conv 4, 16 heads; F16 matrices.
     */
    static Path writeGraniteHybrid(Path file) throws IOException {
        return RecurrentShapeFiles.writeGraniteHybrid(512, 1024, 1024, file);
    }

    /**
     * A small lfm2 file: layers conv, conv, attention, conv (LFM2's gated short convolutions of cache length 3 and
     * grouped-query attention with Q/K norms), dense FFN on each, F16 matrices, embeddings tied to the output.
     */
    static Path writeLfm2(Path file) throws IOException {
        int e = 512, heads = 8, kvh = 2, hd = 64, ff = 1024, vocab = 1024, blocks = 4, lCache = 3;
        int[] kv = {0, 0, kvh, 0};
        GgufWriter w = new GgufWriter();
        String a = "lfm2.";
        w.putString("general.architecture", "lfm2").putString("general.name", "lfm2");
        w.putUInt32(a + "context_length", 128000).putUInt32(a + "embedding_length", e).putUInt32(a + "block_count", blocks);
        w.putUInt32(a + "feed_forward_length", ff).putUInt32(a + "attention.head_count", heads);
        w.putInts(a + "attention.head_count_kv", kv).putUInt32(a + "rope.dimension_count", hd);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-5f).putFloat32(a + "rope.freq_base", 1000000f);
        w.putUInt32(a + "shortconv.l_cache", lCache);
        CalibrationShape.fillerVocabulary(w, vocab);
        GgmlType t = GgmlType.F16;
        w.addSparseTensor("token_embd.weight", t, e, vocab);
        w.addSparseTensor("token_embd_norm.weight", GgmlType.F32, e);
        for (int i = 0; i < blocks; i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            if (kv[i] > 0) {
                w.addSparseTensor(b + "attn_q.weight", t, e, heads * hd);
                w.addSparseTensor(b + "attn_k.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_v.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_output.weight", t, heads * hd, e);
                w.addSparseTensor(b + "attn_q_norm.weight", GgmlType.F32, hd);
                w.addSparseTensor(b + "attn_k_norm.weight", GgmlType.F32, hd);
            } else {
                w.addSparseTensor(b + "shortconv.conv.weight", GgmlType.F32, lCache, e);
                w.addSparseTensor(b + "shortconv.in_proj.weight", t, e, 3 * e);
                w.addSparseTensor(b + "shortconv.out_proj.weight", t, e, e);
            }
            w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, e);
            denseFfn(w, b, t, e, ff);
        }
        w.write(file);
        return file;
    }

    /**
     * A small qwen3next file (gated delta-net hybrid, the Qwen3-Next / Qwen3.5 layout): 4 blocks with a full
     * attention layer every 4th, linear-attention layers of 2 key heads and 4 value heads of 64, conv 4; MoE FFN with
     * a shared expert on every layer; F16 matrices.
     */
    static Path writeQwen3Next(Path file) throws IOException {
        return RecurrentShapeFiles.writeQwen35("qwen3next", 512, 2, 4, 64, 256, file);
    }

    private static void denseFfn(GgufWriter w, String b, GgmlType type, int e, int ffn) {
        w.addSparseTensor(b + "ffn_gate.weight", type, e, ffn);
        w.addSparseTensor(b + "ffn_up.weight", type, e, ffn);
        w.addSparseTensor(b + "ffn_down.weight", type, ffn, e);
    }


    /** The named shape for code outside this package (benchmarks): one of {@link #ALL}'s names. */
    public static Path writeNamed(String name, GgmlType type, Path file) throws IOException {
        return write(named(name), type, file);
    }

    /** Writes every shape into a folder: {@code java … ArchShapeFiles DIR TYPE} (used to record the allocations). */
    public static void main(String[] args) throws IOException {
        if (args.length > 1 && args[1].equals("deepseek2")) {
            // java … ArchShapeFiles DIR deepseek2 BLOCKS HIDDEN HEADS RANK ROPE
            System.out.println(writeDeepseek2(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]), GgmlType.Q8_0,
                    Path.of(args[0], "deepseek2-" + args[4] + "h-" + args[5] + ".gguf")));
            return;
        }
        if (args.length > 1 && args[1].equals("llama4")) {
            System.out.println(writeLlama4(Path.of(args[0], "llama4.gguf")));
            System.out.println(writeMamba2(Path.of(args[0], "mamba2.gguf")));
            System.out.println(writeGraniteHybrid(Path.of(args[0], "granitehybrid.gguf")));
            System.out.println(writeLfm2(Path.of(args[0], "lfm2.gguf")));
            System.out.println(writeQwen3Next(Path.of(args[0], "qwen3next.gguf")));
            return;
        }
        GgmlType type = GgmlType.valueOf(args[1]);
        for (Spec s : ALL) {
            System.out.println(write(s, type, Path.of(args[0], s.name() + ".gguf")));
        }
    }
}
