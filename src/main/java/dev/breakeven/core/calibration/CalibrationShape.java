package dev.breakeven.core.calibration;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A real model's architecture, written by the app as a sparse GGUF (every weight zero, the file takes no disk
 * blocks): llama.cpp loads and decodes it at the speed of the real model of that shape, since decode time is reading
 * the weights, not what they hold. Llama architecture with a SentencePiece vocabulary of the shape's size.
 */
public record CalibrationShape(String id, String name, int blocks, int embedding, int feedForward, int heads,
                               int headsKv, int vocab) {

    /** Qwen2.5-0.5B's dimensions: small enough to load in seconds anywhere, the default. */
    public static final CalibrationShape HALF_B = new CalibrationShape("0.5b", "0.5B shape (Qwen2.5-0.5B dims)", 24, 896,
            4864, 14, 2, 32000);
    /** TinyLlama 1.1B: 22 layers, 2048 wide, 4 KV heads. */
    public static final CalibrationShape TINYLLAMA_1B = new CalibrationShape("1.1b", "1.1B shape (TinyLlama dims)", 22,
            2048, 5632, 32, 4, 32000);
    /** Llama 3.2 3B: 28 layers, 3072 wide, 8 KV heads, vocabulary of 128256. */
    public static final CalibrationShape LLAMA32_3B = new CalibrationShape("3b", "3B shape (Llama-3.2-3B dims)", 28,
            3072, 8192, 24, 8, 128256);
    /** Llama 2 7B: 32 layers, 4096 wide, no GQA. Loading it costs tens of seconds on a laptop. */
    public static final CalibrationShape LLAMA2_7B = new CalibrationShape("7b", "7B shape (Llama-2-7B dims)", 32, 4096,
            11008, 32, 32, 32000);

    public static List<CalibrationShape> all() {
        return List.of(HALF_B, TINYLLAMA_1B, LLAMA32_3B, LLAMA2_7B);
    }

    public static Optional<CalibrationShape> byId(String id) {
        return all().stream().filter(s -> s.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    /** Writes the shape with Q4_0 matrices (the common CPU quant) and F32 norms; returns the file. */
    public Path writeSparse(Path file) throws IOException {
        int headDim = embedding / heads;
        GgufWriter writer = new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("general.name", name + " — written sparse by Breakeven for calibration")
                .putUInt32("general.quantization_version", 2)
                .putUInt32("general.file_type", 2) // MOSTLY_Q4_0
                .putUInt32("llama.context_length", 4096)
                .putUInt32("llama.embedding_length", embedding)
                .putUInt32("llama.block_count", blocks)
                .putUInt32("llama.feed_forward_length", feedForward)
                .putUInt32("llama.rope.dimension_count", headDim)
                .putUInt32("llama.attention.head_count", heads)
                .putUInt32("llama.attention.head_count_kv", headsKv)
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putFloat32("llama.rope.freq_base", 10000f);
        fillerVocabulary(writer, vocab);
        int q = heads * headDim;
        int kv = headsKv * headDim;
        writer.addSparseTensor("token_embd.weight", GgmlType.Q4_0, embedding, vocab);
        for (int layer = 0; layer < blocks; layer++) {
            String p = "blk." + layer + ".";
            writer.addSparseTensor(p + "attn_norm.weight", GgmlType.F32, embedding);
            writer.addSparseTensor(p + "attn_q.weight", GgmlType.Q4_0, embedding, q);
            writer.addSparseTensor(p + "attn_k.weight", GgmlType.Q4_0, embedding, kv);
            writer.addSparseTensor(p + "attn_v.weight", GgmlType.Q4_0, embedding, kv);
            writer.addSparseTensor(p + "attn_output.weight", GgmlType.Q4_0, q, embedding);
            writer.addSparseTensor(p + "ffn_norm.weight", GgmlType.F32, embedding);
            writer.addSparseTensor(p + "ffn_gate.weight", GgmlType.Q4_0, embedding, feedForward);
            writer.addSparseTensor(p + "ffn_up.weight", GgmlType.Q4_0, embedding, feedForward);
            writer.addSparseTensor(p + "ffn_down.weight", GgmlType.Q4_0, feedForward, embedding);
        }
        writer.addSparseTensor("output_norm.weight", GgmlType.F32, embedding);
        writer.addSparseTensor("output.weight", GgmlType.Q4_0, embedding, vocab);
        writer.write(file);
        return file;
    }

    /**
     * {@code <unk> <s> </s>}, the 256 byte tokens, then filler pieces up to {@code vocab}: a SentencePiece vocabulary
     * llama.cpp accepts and any prompt tokenizes with (also the test shapes' vocabulary).
     */
    public static void fillerVocabulary(GgufWriter writer, int vocab) {
        List<String> tokens = new ArrayList<>(vocab);
        int[] types = new int[vocab];
        float[] scores = new float[vocab];
        tokens.add("<unk>");
        types[0] = 2;
        tokens.add("<s>");
        types[1] = 3;
        tokens.add("</s>");
        types[2] = 3;
        for (int b = 0; b < 256; b++) {
            types[tokens.size()] = 6;
            tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
        }
        while (tokens.size() < vocab) {
            int id = tokens.size();
            types[id] = 1;
            scores[id] = -id;
            tokens.add("\u2581t" + id);
        }
        writer.putString("tokenizer.ggml.model", "llama")
                .putStrings("tokenizer.ggml.tokens", tokens)
                .putFloats("tokenizer.ggml.scores", scores)
                .putInts("tokenizer.ggml.token_type", types)
                .putUInt32("tokenizer.ggml.bos_token_id", 1)
                .putUInt32("tokenizer.ggml.eos_token_id", 2)
                .putUInt32("tokenizer.ggml.unknown_token_id", 0);
    }
}
