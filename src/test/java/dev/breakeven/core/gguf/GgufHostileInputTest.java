package dev.breakeven.core.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damaged and hostile files each get a GgufFormatException that says what is wrong. */
class GgufHostileInputTest {
    @TempDir
    Path dir;

    private byte[] valid() throws IOException {
        Path file = dir.resolve("valid.gguf");
        new GgufWriter()
                .putString("general.architecture", "llama")
                .putStrings("tokenizer.ggml.tokens", java.util.List.of("<unk>", "<s>", "</s>"))
                .addTensor("token_embd.weight", GgmlType.F32, new byte[4 * 8 * 3], 8, 3)
                .addSparseTensor("blk.0.attn_q.weight", GgmlType.Q8_0, 32, 8)
                .write(file);
        return Files.readAllBytes(file);
    }

    private GgufFile read(byte[] bytes) throws IOException {
        Path file = dir.resolve("hostile.gguf");
        Files.write(file, bytes);
        return GgufReader.read(file);
    }

    /** Position just after the name of a tensor description. */
    private static int afterName(byte[] bytes, String name) {
        byte[] needle = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                // the header's tensor section comes after metadata, so keep the last match inside the header
                int end = i + needle.length;
                if (ByteBuffer.wrap(bytes, i - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == needle.length) {
                    return end;
                }
            }
        }
        throw new AssertionError(name + " not found");
    }

    private static void putLong(byte[] bytes, int at, long value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    @Test
    void theValidBaseReads() throws IOException {
        assertThat(read(valid()).tensors()).hasSize(2);
    }

    @Test
    void emptyFile() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(GgufFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void zipArchive() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        assertThatThrownBy(() -> read(zip)).isInstanceOf(GgufFormatException.class)
                .hasMessage("not a GGUF file (starts with 'PK..'; a zip archive)");
    }

    @Test
    void textFileAndTinyFile() {
        assertThatThrownBy(() -> read("{\"model\": 1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a GGUF file").hasMessageContaining("text file");
        assertThatThrownBy(() -> read(new byte[] {'G', 'G'})).hasMessageContaining("not a GGUF file");
        assertThatThrownBy(() -> read(new byte[] {'G', 'G', 'U', 'F', 3})).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("truncated").hasMessageContaining("version");
    }

    @Test
    void versionOneAndFutureVersions() throws IOException {
        byte[] bytes = valid();
        putInt(bytes, 4, 1);
        assertThatThrownBy(() -> read(bytes)).hasMessageContaining("version 1").hasMessageContaining("convert");
        putInt(bytes, 4, 4);
        assertThatThrownBy(() -> read(bytes)).hasMessageContaining("unsupported GGUF version 4");
    }

    @Test
    void absurdCounts() throws IOException {
        byte[] bytes = valid();
        putLong(bytes, 8, 1L << 40);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("tensor count 1099511627776").hasMessageContaining("impossible");
        byte[] kv = valid();
        putLong(kv, 16, -1);
        assertThatThrownBy(() -> read(kv)).hasMessageContaining("metadata count 18446744073709551615");
    }

    @Test
    void absurdStringAndArrayLengths() throws IOException {
        byte[] bytes = valid();
        putLong(bytes, 24, 1L << 35); // length of the first key
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("metadata key length 34359738368").hasMessageContaining("limit");
        byte[] array = valid();
        int afterKey = afterName(array, "tokenizer.ggml.tokens");
        putLong(array, afterKey + 8, Long.MAX_VALUE); // value type(4), element type(4), then the count
        assertThatThrownBy(() -> read(array)).hasMessageContaining("array length 9223372036854775807")
                .hasMessageContaining("tokenizer.ggml.tokens");
    }

    @Test
    void truncatedInsideATensorDescriptionNamesTheTensor() throws IOException {
        byte[] bytes = valid();
        int cut = afterName(bytes, "blk.0.attn_q.weight") + 6;
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, cut))).isInstanceOf(GgufFormatException.class)
                .hasMessage("truncated at byte " + cut + " while reading tensor 'blk.0.attn_q.weight' (the file is "
                        + cut + " bytes; an incomplete download?)");
    }

    @Test
    void truncatedTensorData() throws IOException {
        // the last tensor is followed by 16 bytes of alignment padding; cutting 20 reaches its data
        byte[] bytes = valid();
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 20)))
                .hasMessageContaining("'blk.0.attn_q.weight' data").hasMessageContaining("past the end of the file");
    }

    @Test
    void badDimensions() throws IOException {
        byte[] negative = valid();
        int at = afterName(negative, "blk.0.attn_q.weight");
        putLong(negative, at + 4, -32);
        assertThatThrownBy(() -> read(negative)).hasMessageContaining("dimension");

        byte[] overflow = valid();
        putLong(overflow, at + 4, 1L << 40);
        putLong(overflow, at + 12, 1L << 40);
        assertThatThrownBy(() -> read(overflow)).isInstanceOf(GgufFormatException.class).hasMessageContaining("overflow");

        byte[] partBlock = valid();
        putLong(partBlock, at + 4, 33);
        assertThatThrownBy(() -> read(partBlock)).hasMessageContaining("not a whole number of Q8_0 blocks");

        byte[] tooMany = valid();
        putInt(tooMany, at, 9);
        assertThatThrownBy(() -> read(tooMany)).hasMessageContaining("9 dimensions");
    }

    @Test
    void unknownTypeAndBadOffsets() throws IOException {
        byte[] type = valid();
        int at = afterName(type, "blk.0.attn_q.weight");
        int typeAt = at + 4 + 16;
        putInt(type, typeAt, 31);
        assertThatThrownBy(() -> read(type)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("tensor 'blk.0.attn_q.weight' has unknown ggml type id 31");

        byte[] misaligned = valid();
        putLong(misaligned, typeAt + 4, 100);
        assertThatThrownBy(() -> read(misaligned)).hasMessageContaining("not a multiple of the alignment 32");

        byte[] past = valid();
        putLong(past, typeAt + 4, 1L << 40);
        assertThatThrownBy(() -> read(past)).hasMessageContaining("past the end of the file");

        byte[] overlap = valid();
        putLong(overlap, typeAt + 4, 64);
        assertThatThrownBy(() -> read(overlap)).hasMessageContaining("overlaps");
    }
}
