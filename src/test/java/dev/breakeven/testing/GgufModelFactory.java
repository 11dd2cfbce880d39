package dev.breakeven.testing;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFileType;
import dev.breakeven.core.gguf.GgufWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes GGUF files with real architecture shapes for tests: llama.cpp loads them like downloaded models.
 * Big shapes are written sparse (all tensor data zeros, no disk used); the tiny llama gets random weights
 * so that it generates text.
 */
public final class GgufModelFactory {

    /**
     * An architecture shape to write.
     *
     * @param architecture GGUF architecture name ({@code llama} or {@code qwen2})
     * @param tokenizer    {@code llama} (SentencePiece with byte fallback) or {@code gpt2} (byte-level BPE)
     * @param qkvBias      whether attention Q, K and V have bias vectors (Qwen2)
     * @param tiedOutput   whether the output layer reuses the token embeddings (no {@code output.weight})
     */
    public record Spec(String name, String architecture, int blocks, int embedding, int feedForward, int heads,
                       int headsKv, int vocab, int context, String tokenizer, String tokenizerPre, boolean qkvBias,
                       boolean tiedOutput, float ropeFreqBase) {

        public int headDim() {
            return embedding / heads;
        }

        /** Total weights, the same count GgufModelShapes derives from the written tensors. */
        public long parameterCount() {
            long perLayer = 2L * embedding                                   // attention and FFN norms
                    + (long) embedding * heads * headDim() * 2               // q and output
                    + (long) embedding * headsKv * headDim() * 2             // k and v
                    + 3L * embedding * feedForward
                    + (qkvBias ? (long) (heads + 2 * headsKv) * headDim() : 0);
            return perLayer * blocks + (long) embedding * vocab * (tiedOutput ? 1 : 2) + embedding;
        }
    }

    /** Llama 2 7B: 32 layers, 4096 wide, 32 heads without GQA, FFN 11008, SentencePiece vocabulary of 32000. */
    public static Spec llama2_7b() {
        return new Spec("Llama-2-7B (shape)", "llama", 32, 4096, 11008, 32, 32, 32000, 4096, "llama", null, false,
                false, 10000f);
    }

    /** Llama 3 8B: GQA with 8 KV heads, FFN 14336, BPE vocabulary of 128256, 8192 context. */
    public static Spec llama3_8b() {
        return new Spec("Llama-3-8B (shape)", "llama", 32, 4096, 14336, 32, 8, 128256, 8192, "gpt2", "llama-bpe",
                false, false, 500000f);
    }

    /** Qwen2.5 0.5B: 24 layers, 896 wide, 14 heads over 2 KV heads, Q/K/V biases, tied output, vocabulary 151936. */
    public static Spec qwen25_05b() {
        return new Spec("Qwen2.5-0.5B (shape)", "qwen2", 24, 896, 4864, 14, 2, 151936, 32768, "gpt2", "qwen2", true,
                true, 1000000f);
    }

    /** A tiny llama: 2 layers, 64 wide, 4 heads over 2 KV heads, byte-fallback vocabulary of 259 tokens. */
    public static Spec tinyLlama() {
        return new Spec("tiny-llama-random", "llama", 2, 64, 128, 4, 2, 259, 512, "llama", null, false, false, 10000f);
    }

    private GgufModelFactory() {
    }

    /** Writes {@code spec} with every tensor's data left sparse (zeros); 2-D weights in {@code weightType}, norms in F32. */
    public static Path writeSparse(Spec spec, GgmlType weightType, Path file) throws IOException {
        return write(spec, weightType, file, null);
    }

    /** Writes {@code spec} with random weights (valid blocks for quantized types), reproducible from {@code seed}. */
    public static Path writeRandom(Spec spec, GgmlType weightType, Path file, long seed) throws IOException {
        return write(spec, weightType, file, new SplittableRandom(seed));
    }

    /**
     * Writes {@code spec} with random weights after {@code tweak} has changed its metadata (a later put replaces
     * a key): a hostile file whose header our reader accepts but whose values are wrong.
     */
    public static Path writeRandom(Spec spec, GgmlType weightType, Path file, long seed,
                                   java.util.function.Consumer<GgufWriter> tweak) throws IOException {
        return write(spec, weightType, file, new SplittableRandom(seed), tweak);
    }

    /** The tiny llama with random weights, ready for llama.cpp to load and generate from. */
    public static Path writeTinyLlama(Path file, GgmlType weightType, long seed) throws IOException {
        return writeRandom(tinyLlama(), weightType, file, seed);
    }

    private static Path write(Spec spec, GgmlType weightType, Path file, SplittableRandom random) throws IOException {
        return write(spec, weightType, file, random, writer -> { });
    }

    private static Path write(Spec spec, GgmlType weightType, Path file, SplittableRandom random,
                              java.util.function.Consumer<GgufWriter> tweak) throws IOException {
        String a = spec.architecture() + ".";
        GgufWriter writer = new GgufWriter()
                .putString("general.architecture", spec.architecture())
                .putString("general.name", spec.name())
                .putUInt32("general.quantization_version", 2)
                .putUInt32(a + "context_length", spec.context())
                .putUInt32(a + "embedding_length", spec.embedding())
                .putUInt32(a + "block_count", spec.blocks())
                .putUInt32(a + "feed_forward_length", spec.feedForward())
                .putUInt32(a + "rope.dimension_count", spec.headDim())
                .putUInt32(a + "attention.head_count", spec.heads())
                .putUInt32(a + "attention.head_count_kv", spec.headsKv())
                .putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-6f)
                .putFloat32(a + "rope.freq_base", spec.ropeFreqBase());
        fileType(weightType).ifPresent(id -> writer.putUInt32("general.file_type", id));
        Vocabularies.write(writer, spec);
        tweak.accept(writer);

        int e = spec.embedding();
        int q = spec.heads() * spec.headDim();
        int kv = spec.headsKv() * spec.headDim();
        Tensors tensors = new Tensors(writer, random);
        tensors.matrix("token_embd.weight", weightType, e, spec.vocab());
        for (int layer = 0; layer < spec.blocks(); layer++) {
            String p = "blk." + layer + ".";
            tensors.norm(p + "attn_norm.weight", e);
            tensors.matrix(p + "attn_q.weight", weightType, e, q);
            tensors.matrix(p + "attn_k.weight", weightType, e, kv);
            tensors.matrix(p + "attn_v.weight", weightType, e, kv);
            if (spec.qkvBias()) {
                tensors.vector(p + "attn_q.bias", q);
                tensors.vector(p + "attn_k.bias", kv);
                tensors.vector(p + "attn_v.bias", kv);
            }
            tensors.matrix(p + "attn_output.weight", weightType, q, e);
            tensors.norm(p + "ffn_norm.weight", e);
            tensors.matrix(p + "ffn_gate.weight", weightType, e, spec.feedForward());
            tensors.matrix(p + "ffn_up.weight", weightType, e, spec.feedForward());
            tensors.matrix(p + "ffn_down.weight", weightType, spec.feedForward(), e);
        }
        tensors.norm("output_norm.weight", e);
        if (!spec.tiedOutput()) {
            tensors.matrix("output.weight", weightType, e, spec.vocab());
        }
        writer.write(file);
        return file;
    }

    /** The llama.cpp preset closest to "every matrix in this type" (K types: the _S variants), if any. */
    private static java.util.Optional<Integer> fileType(GgmlType weightType) {
        String label = switch (weightType) {
            case Q3_K, Q4_K, Q5_K -> weightType.name() + "_S";
            default -> weightType.name();
        };
        return GgufFileType.id(label);
    }

    /** Adds tensors either sparse or with random contents. */
    private record Tensors(GgufWriter writer, SplittableRandom random) {

        void matrix(String name, GgmlType type, long columns, long rows) {
            if (random == null) {
                writer.addSparseTensor(name, type, columns, rows);
            } else {
                writer.addTensor(name, type, RandomWeights.of(type, columns * rows, random), columns, rows);
            }
        }

        void norm(String name, long length) {
            if (random == null) {
                writer.addSparseTensor(name, GgmlType.F32, length);
            } else {
                ByteBuffer ones = ByteBuffer.allocate((int) length * 4).order(ByteOrder.LITTLE_ENDIAN);
                while (ones.hasRemaining()) {
                    ones.putFloat(1f);
                }
                writer.addTensor(name, GgmlType.F32, ones.array(), length);
            }
        }

        void vector(String name, long length) {
            if (random == null) {
                writer.addSparseTensor(name, GgmlType.F32, length);
            } else {
                writer.addTensor(name, GgmlType.F32, RandomWeights.of(GgmlType.F32, length, random), length);
            }
        }
    }

    /** Valid random blocks for the types tests use. */
    static final class RandomWeights {
        private static final float SCALE = 0.05f;

        static byte[] of(GgmlType type, long elements, SplittableRandom random) {
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(type.byteSize(elements))).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case F32 -> {
                    for (long i = 0; i < elements; i++) {
                        out.putFloat(gaussian(random));
                    }
                }
                case F16 -> {
                    for (long i = 0; i < elements; i++) {
                        out.putShort(Float.floatToFloat16(gaussian(random)));
                    }
                }
                case Q8_0 -> {
                    for (long block = 0; block < elements / 32; block++) {
                        out.putShort(Float.floatToFloat16(SCALE * 2 / 127));
                        for (int i = 0; i < 32; i++) {
                            out.put((byte) (random.nextInt(255) - 127));
                        }
                    }
                }
                case Q4_0 -> {
                    for (long block = 0; block < elements / 32; block++) {
                        out.putShort(Float.floatToFloat16(SCALE * 2 / 8));
                        for (int i = 0; i < 16; i++) {
                            out.put((byte) random.nextInt(256));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("random weights are written as F32, F16, Q8_0 or Q4_0, not "
                        + type);
            }
            return out.array();
        }

        private static float gaussian(SplittableRandom random) {
            return (float) (random.nextGaussian() * SCALE);
        }
    }

    /** The vocabularies, big enough to match the shape's embedding rows. */
    static final class Vocabularies {
        private static final int NORMAL = 1;
        private static final int UNKNOWN = 2;
        private static final int CONTROL = 3;
        private static final int BYTE = 6;

        static void write(GgufWriter writer, Spec spec) {
            if (spec.tokenizer().equals("llama")) {
                sentencePiece(writer, spec.vocab());
            } else {
                byteLevelBpe(writer, spec);
            }
        }

        /** {@code <unk> <s> </s> <0x00> … <0xFF>} then filler pieces: byte fallback covers any text. */
        private static void sentencePiece(GgufWriter writer, int vocab) {
            List<String> tokens = new ArrayList<>(vocab);
            int[] types = new int[vocab];
            float[] scores = new float[vocab];
            tokens.add("<unk>");
            types[0] = UNKNOWN;
            tokens.add("<s>");
            types[1] = CONTROL;
            tokens.add("</s>");
            types[2] = CONTROL;
            for (int b = 0; b < 256 && tokens.size() < vocab; b++) {
                types[tokens.size()] = BYTE;
                tokens.add(String.format("<0x%02X>", b));
            }
            while (tokens.size() < vocab) {
                int id = tokens.size();
                types[id] = NORMAL;
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

        /** The 256 byte-level symbols of GPT-2 BPE, filler tokens, then control tokens at the end. */
        private static void byteLevelBpe(GgufWriter writer, Spec spec) {
            int vocab = spec.vocab();
            int specials = Math.min(256, vocab - 256);
            List<String> tokens = new ArrayList<>(vocab);
            int[] types = new int[vocab];
            for (int b = 0; b < 256; b++) {
                types[tokens.size()] = NORMAL;
                tokens.add(byteSymbol(b));
            }
            while (tokens.size() < vocab - specials) {
                types[tokens.size()] = NORMAL;
                tokens.add("t" + tokens.size());
            }
            int bos = tokens.size();
            while (tokens.size() < vocab) {
                types[tokens.size()] = CONTROL;
                tokens.add("<|special_" + (tokens.size() - bos) + "|>");
            }
            writer.putString("tokenizer.ggml.model", "gpt2")
                    .putString("tokenizer.ggml.pre", spec.tokenizerPre())
                    .putStrings("tokenizer.ggml.tokens", tokens)
                    .putInts("tokenizer.ggml.token_type", types)
                    .putStrings("tokenizer.ggml.merges", List.of())
                    .putUInt32("tokenizer.ggml.bos_token_id", bos)
                    .putUInt32("tokenizer.ggml.eos_token_id", bos + 1);
        }

        /** GPT-2's reversible byte → printable character mapping (bytes that print stand for themselves). */
        private static String byteSymbol(int b) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable) {
                return Character.toString(b);
            }
            int shifted = 0;
            for (int i = 0; i < b; i++) {
                boolean p = (i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF);
                if (!p) {
                    shifted++;
                }
            }
            return Character.toString(256 + shifted);
        }
    }
}
