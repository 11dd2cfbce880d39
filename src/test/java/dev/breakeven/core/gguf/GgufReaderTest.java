package dev.breakeven.core.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufReaderTest {
    @TempDir
    Path dir;

    private GgufWriter everyType() {
        GgufWriter writer = new GgufWriter();
        writer.putString("general.architecture", "llama");
        writer.put("u8", new GgufValue.UInt8(200));
        writer.put("i8", new GgufValue.Int8((byte) -5));
        writer.put("u16", new GgufValue.UInt16(65000));
        writer.put("i16", new GgufValue.Int16((short) -30000));
        writer.put("u32", new GgufValue.UInt32(4_000_000_000L));
        writer.put("i32", new GgufValue.Int32(-7));
        writer.put("u64", new GgufValue.UInt64(-1L));
        writer.put("i64", new GgufValue.Int64(Long.MIN_VALUE));
        writer.put("f32", new GgufValue.Float32(1.5f));
        writer.put("f64", new GgufValue.Float64(-2.25));
        writer.put("bool", new GgufValue.Bool(true));
        writer.put("text", new GgufValue.Str("héllo ✓"));
        writer.put("nested", GgufValue.Array.of(GgufValueType.ARRAY, List.of(
                GgufValue.Array.of(GgufValueType.INT32, List.of(new GgufValue.Int32(1), new GgufValue.Int32(2))),
                GgufValue.Array.of(GgufValueType.INT32, List.of()))));
        writer.putStrings("words", List.of("a", "bb", ""));
        writer.addTensor("a", GgmlType.F32, new byte[4 * 6], 3, 2);
        writer.addSparseTensor("b", GgmlType.Q8_0, 64, 3);
        writer.addSparseTensor("c", GgmlType.Q4_K, 256);
        return writer;
    }

    @Test
    void readsBackEveryValueTypeAndTensorLayout() throws IOException {
        Path file = dir.resolve("all.gguf");
        long size = everyType().write(file);

        GgufFile gguf = GgufReader.read(file);

        assertThat(gguf.version()).isEqualTo(3);
        assertThat(gguf.fileSize()).isEqualTo(size).isEqualTo(Files.size(file));
        assertThat(gguf.metadata().keySet()).startsWith("general.architecture", "u8", "i8");
        assertThat(gguf.value("u8")).contains(new GgufValue.UInt8(200));
        assertThat(gguf.value("i8")).contains(new GgufValue.Int8((byte) -5));
        assertThat(gguf.uint("u16")).hasValue(65000);
        assertThat(gguf.integer("i16")).hasValue(-30000);
        assertThat(gguf.uint("u32")).hasValue(4_000_000_000L);
        assertThat(gguf.integer("i32")).hasValue(-7);
        assertThat(gguf.value("u64")).contains(new GgufValue.UInt64(-1L));
        assertThat(gguf.integer("i64")).hasValue(Long.MIN_VALUE);
        assertThat(gguf.number("f32")).hasValue(1.5);
        assertThat(gguf.number("f64")).hasValue(-2.25);
        assertThat(gguf.bool("bool")).contains(true);
        assertThat(gguf.string("text")).contains("héllo ✓");
        GgufValue.Array nested = gguf.array("nested").orElseThrow();
        assertThat(nested.length()).isEqualTo(2);
        assertThat(((GgufValue.Array) nested.elements().getFirst()).elements())
                .containsExactly(new GgufValue.Int32(1), new GgufValue.Int32(2));
        assertThat(gguf.array("words").orElseThrow().elements())
                .containsExactly(new GgufValue.Str("a"), new GgufValue.Str("bb"), new GgufValue.Str(""));

        assertThat(gguf.tensors()).extracting(GgufTensorInfo::name).containsExactly("a", "b", "c");
        GgufTensorInfo b = gguf.tensor("b").orElseThrow();
        assertThat(b.dimensions()).containsExactly(64L, 3L);
        assertThat(b.byteSize()).isEqualTo(2 * 3 * 34);
        assertThat(b.offset()).isEqualTo(32); // 24 bytes of "a", padded to 32
        assertThat(gguf.tensor("c").orElseThrow().offset()).isEqualTo(32 + 224); // 204 bytes padded to 224
        assertThat(gguf.dataOffset() % 32).isZero();
        assertThat(gguf.dataOffset() + 256 + 144).isLessThanOrEqualTo(gguf.fileSize());
    }

    @Test
    void typedGettersNameTheKeyWhenTheTypeIsWrong() throws IOException {
        Path file = dir.resolve("all.gguf");
        everyType().write(file);
        GgufFile gguf = GgufReader.read(file);

        assertThatThrownBy(() -> gguf.uint("text")).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("'text'").hasMessageContaining("string");
        assertThatThrownBy(() -> gguf.uint("i32")).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> gguf.uint("u64")).hasMessageContaining("18446744073709551615");
        assertThatThrownBy(() -> gguf.string("u8")).hasMessageContaining("'u8' is a uint8 (200)");
        assertThat(gguf.uint("absent")).isEmpty();
    }

    @Test
    void keepsOnlyTheStartOfBigArraysButCountsThemAll() throws IOException {
        Path file = dir.resolve("vocab.gguf");
        List<String> tokens = java.util.stream.IntStream.range(0, 5000).mapToObj(i -> "tok" + i).toList();
        new GgufWriter().putStrings("tokenizer.ggml.tokens", tokens).putUInt32("after", 9).write(file);

        GgufFile gguf = GgufReader.read(file);
        GgufValue.Array array = gguf.array("tokenizer.ggml.tokens").orElseThrow();
        assertThat(array.length()).isEqualTo(5000);
        assertThat(array.isComplete()).isFalse();
        assertThat(array.elements()).hasSize(GgufReadOptions.DEFAULT.keptArrayElements());
        assertThat(array.elements().get(7)).isEqualTo(new GgufValue.Str("tok7"));
        assertThat(gguf.uint("after")).hasValue(9);

        GgufFile whole = GgufReader.read(file, GgufReadOptions.keepWholeArrays());
        assertThat(whole.array("tokenizer.ggml.tokens").orElseThrow().elements()).hasSize(5000)
                .last().isEqualTo(new GgufValue.Str("tok4999"));
    }

    @Test
    void readsVersionTwoAndCustomAlignment() throws IOException {
        Path file = dir.resolve("v2.gguf");
        new GgufWriter().version(2).alignment(64).addSparseTensor("x", GgmlType.F16, 10).addSparseTensor("y", GgmlType.F16, 10)
                .write(file);
        GgufFile gguf = GgufReader.read(file);
        assertThat(gguf.version()).isEqualTo(2);
        assertThat(gguf.alignment()).isEqualTo(64);
        assertThat(gguf.dataOffset() % 64).isZero();
        assertThat(gguf.tensor("y").orElseThrow().offset()).isEqualTo(64);
    }

    @Test
    void readsTheSharedLlamaFile() throws IOException {
        Path shared = dev.breakeven.core.chat.SharedModels.tinyLlama();
        GgufFile gguf = GgufReader.read(shared);
        assertThat(gguf.architecture()).contains("llama");
        assertThat(gguf.tensors()).isNotEmpty();
        assertThat(gguf.dataOffset() + gguf.tensorBytes()).isLessThanOrEqualTo(gguf.fileSize());
        assertThat(gguf.tensor("token_embd.weight")).isPresent();
    }
}
