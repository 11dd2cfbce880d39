package dev.breakeven.core.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Seeded mutation fuzzing: thousands of corrupted variants of a small valid file. Each must either
 * parse or fail with a GgufFormatException, never another exception, an out-of-memory or a hang.
 */
class GgufFuzzTest {
    private static final int VARIANTS = 25_000;
    private static final long SEED = 0x6767_7566L;

    @TempDir
    Path dir;

    private byte[] seedFile() throws IOException {
        Path file = dir.resolve("seed.gguf");
        new GgufWriter()
                .putString("general.architecture", "llama")
                .putUInt32("llama.block_count", 1)
                .put("llama.attention.head_count_kv", GgufValue.Array.of(GgufValueType.INT32,
                        List.of(new GgufValue.Int32(2))))
                .put("nested", GgufValue.Array.of(GgufValueType.ARRAY, List.of(GgufValue.Array.of(GgufValueType.UINT8,
                        List.of(new GgufValue.UInt8(1), new GgufValue.UInt8(2))))))
                .put("flag", new GgufValue.Bool(false))
                .put("big", new GgufValue.UInt64(123))
                .put("f", new GgufValue.Float64(0.5))
                .putStrings("tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>", "a", "b"))
                .putFloats("tokenizer.ggml.scores", new float[] {0, 0, 0, -1, -2})
                .addTensor("token_embd.weight", GgmlType.F32, new byte[4 * 8 * 5], 8, 5)
                .addSparseTensor("blk.0.attn_q.weight", GgmlType.Q4_0, 32, 8)
                .addSparseTensor("output.weight", GgmlType.F16, 8, 5)
                .write(file);
        return Files.readAllBytes(file);
    }

    @Test
    void everyCorruptedVariantParsesOrFailsCleanly() throws IOException {
        byte[] original = seedFile();
        assertThat(GgufReader.read(dir.resolve("seed.gguf")).tensors()).hasSize(3);
        SplittableRandom random = new SplittableRandom(SEED);
        int[] outcomes = new int[2];

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < VARIANTS; i++) {
                byte[] variant = mutate(original, random);
                try {
                    GgufFile parsed = GgufReader.read(new ByteArrayChannel(variant), GgufReadOptions.DEFAULT);
                    parsed.tensorBytes();
                    outcomes[0]++;
                } catch (GgufFormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                    outcomes[1]++;
                } catch (Throwable other) {
                    fail("variant " + i + " threw " + other + "; bytes " + Arrays.toString(variant), other);
                }
            }
        });
        // both outcomes must occur, or the mutations are too timid or too destructive to test anything
        assertThat(outcomes[0]).isGreaterThan(VARIANTS / 100);
        assertThat(outcomes[1]).isGreaterThan(VARIANTS / 2);
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(6)) {
                case 0 -> { // bit flip
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> { // truncation
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                    if (bytes.length == 0) {
                        return bytes;
                    }
                }
                case 2 -> { // length or count blown up
                    if (bytes.length >= 8) {
                        int at = random.nextInt(bytes.length - 7);
                        long[] huge = {Long.MAX_VALUE, -1L, 1L << 32, 1L << 26, 1L << 62, bytes.length, 0x7FFF_FFFFL};
                        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, huge[random.nextInt(huge.length)]);
                    }
                }
                case 3 -> { // small integer field changed
                    if (bytes.length >= 4) {
                        int at = random.nextInt(bytes.length - 3);
                        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, random.nextInt(64) - 8);
                    }
                }
                case 4 -> { // random byte
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                default -> { // a slice duplicated or removed
                    int from = random.nextInt(bytes.length);
                    int length = random.nextInt(Math.min(32, bytes.length - from) + 1);
                    byte[] copy = new byte[bytes.length + (random.nextBoolean() ? length : -length)];
                    if (copy.length > bytes.length) {
                        System.arraycopy(bytes, 0, copy, 0, from + length);
                        System.arraycopy(bytes, from, copy, from + length, bytes.length - from);
                    } else {
                        System.arraycopy(bytes, 0, copy, 0, from);
                        System.arraycopy(bytes, from + length, copy, from, bytes.length - from - length);
                    }
                    bytes = copy;
                    if (bytes.length == 0) {
                        return bytes;
                    }
                }
            }
        }
        return bytes;
    }
}
