package dev.breakeven.core.fit;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;
import dev.breakeven.core.models.ModelShape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparse GGUF files with real llama/qwen2 shapes for the allocation checks: every tensor llama.cpp expects,
 * data left as holes, an SPM-style vocabulary of the right size so llama.cpp accepts the file.
 */
final class RealShapeFiles {
    record Spec(String name, String arch, int blocks, int hidden, int ffn, int heads, int kvHeads, int vocab,
                boolean qkvBias, boolean tiedOutput) {
        ModelShape shape() {
            int headDim = hidden / heads;
            long kv = (long) kvHeads * headDim;
            long perBlock = 2L * hidden * hidden + 2L * hidden * kv + 3L * hidden * ffn;
            long params = (long) vocab * hidden * (tiedOutput ? 1 : 2) + blocks * perBlock;
            return new ModelShape(arch, params, params, blocks, hidden, ffn, heads, kvHeads, headDim, headDim, 131072,
                    vocab, 0, 0, 0, 0, 0);
        }
    }

    static final Spec LLAMA2_7B = new Spec("llama-2-7b", "llama", 32, 4096, 11008, 32, 32, 32000, false, false);
    static final Spec LLAMA3_8B = new Spec("llama-3-8b", "llama", 32, 4096, 14336, 32, 8, 128256, false, false);
    static final Spec QWEN2_05B = new Spec("qwen2-0.5b", "qwen2", 24, 896, 4864, 14, 2, 151936, true, true);

    private RealShapeFiles() {
    }

    /** Writes the file; with Q4_0 weights the output matrix is Q6_K, as llama-quantize does. */
    static Path write(Spec s, GgmlType type, Path file) throws IOException {
        GgufWriter w = new GgufWriter();
        String a = s.arch();
        w.putString("general.architecture", a);
        w.putString("general.name", s.name());
        w.putUInt32(a + ".context_length", 131072);
        w.putUInt32(a + ".embedding_length", s.hidden());
        w.putUInt32(a + ".block_count", s.blocks());
        w.putUInt32(a + ".feed_forward_length", s.ffn());
        w.putUInt32(a + ".attention.head_count", s.heads());
        w.putUInt32(a + ".attention.head_count_kv", s.kvHeads());
        w.putUInt32(a + ".rope.dimension_count", s.hidden() / s.heads());
        w.putFloat32(a + ".attention.layer_norm_rms_epsilon", 1e-5f);
        w.putFloat32(a + ".rope.freq_base", 10000f);
        w.putString("tokenizer.ggml.model", "llama");
        List<String> tokens = new ArrayList<>(s.vocab());
        int[] types = new int[s.vocab()];
        for (int i = 0; i < s.vocab(); i++) {
            tokens.add(i == 0 ? "<unk>" : i == 1 ? "<s>" : i == 2 ? "</s>" : "t" + i);
            types[i] = i == 0 ? 2 : i < 3 ? 3 : 1;
        }
        w.putStrings("tokenizer.ggml.tokens", tokens);
        w.putFloats("tokenizer.ggml.scores", new float[s.vocab()]);
        w.putInts("tokenizer.ggml.token_type", types);
        w.putUInt32("tokenizer.ggml.bos_token_id", 1);
        w.putUInt32("tokenizer.ggml.eos_token_id", 2);
        long kv = (long) s.kvHeads() * (s.hidden() / s.heads());
        w.addSparseTensor("token_embd.weight", type, s.hidden(), s.vocab());
        w.addSparseTensor("output_norm.weight", GgmlType.F32, s.hidden());
        if (!s.tiedOutput()) {
            w.addSparseTensor("output.weight", type == GgmlType.Q4_0 ? GgmlType.Q6_K : type, s.hidden(), s.vocab());
        }
        for (int i = 0; i < s.blocks(); i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, s.hidden());
            w.addSparseTensor(b + "attn_q.weight", type, s.hidden(), s.hidden());
            w.addSparseTensor(b + "attn_k.weight", type, s.hidden(), kv);
            w.addSparseTensor(b + "attn_v.weight", type, s.hidden(), kv);
            w.addSparseTensor(b + "attn_output.weight", type, s.hidden(), s.hidden());
            if (s.qkvBias()) {
                w.addSparseTensor(b + "attn_q.bias", GgmlType.F32, s.hidden());
                w.addSparseTensor(b + "attn_k.bias", GgmlType.F32, kv);
                w.addSparseTensor(b + "attn_v.bias", GgmlType.F32, kv);
            }
            w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, s.hidden());
            w.addSparseTensor(b + "ffn_gate.weight", type, s.hidden(), s.ffn());
            w.addSparseTensor(b + "ffn_up.weight", type, s.hidden(), s.ffn());
            w.addSparseTensor(b + "ffn_down.weight", type, s.ffn(), s.hidden());
        }
        w.write(file);
        return file;
    }
}
