package dev.breakeven.core.gguf;

import java.util.Optional;

/**
 * The tensor element types of ggml ({@code enum ggml_type} in ggml/include/ggml.h), with the block
 * layout from ggml's type traits (ggml/src/ggml.c, block structs in ggml/src/ggml-common.h).
 * A quantized tensor is stored as whole blocks: {@code blockSize} elements take {@code bytesPerBlock} bytes.
 * Ids 4, 5 (Q4_2, Q4_3), 31–33 (Q4_0_4_4, Q4_0_4_8, Q4_0_8_8) and 36–38 (IQ4_NL_4_4, …) were removed
 * from ggml and are refused like any unknown id.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),      // f16 scale + 32 × 4 bit
    Q4_1(3, 32, 20),      // f16 scale and min + 32 × 4 bit
    Q5_0(6, 32, 22),      // f16 scale + 32 high bits + 32 × 4 bit
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),      // f16 scale + 32 × int8
    Q8_1(9, 32, 36),      // f16 scale and sum + 32 × int8
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),   // f32 scale + 256 × int8 + 16 int16 block sums
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17),    // one shared e8m0 exponent + 32 × 4-bit e2m1
    NVFP4(40, 64, 36),    // four e4m3 sub-block scales + 64 × 4-bit e2m1 (added to ggml after MXFP4)
    Q1_0(41, 128, 18);    // f16 scale + 128 × 1 bit

    private static final GgmlType[] BY_ID = new GgmlType[42];

    static {
        for (GgmlType type : values()) {
            BY_ID[type.id] = type;
        }
    }

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int id, int blockSize, int bytesPerBlock) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    public int id() {
        return id;
    }

    /** Elements per block (1 for plain number types). */
    public int blockSize() {
        return blockSize;
    }

    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Storage cost per weight, e.g. 4.5 for Q4_0 (18 bytes per 32 weights). */
    public double bitsPerWeight() {
        return bytesPerBlock * 8.0 / blockSize;
    }

    public boolean isQuantized() {
        return blockSize > 1;
    }

    public static Optional<GgmlType> byId(long id) {
        if (id < 0 || id >= BY_ID.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_ID[(int) id]);
    }

    /**
     * Exact bytes of {@code elements} values of this type.
     *
     * @throws GgufFormatException when the count is negative or not a whole number of blocks
     */
    public long byteSize(long elements) {
        if (elements < 0) {
            throw new GgufFormatException("negative element count " + elements);
        }
        if (elements % blockSize != 0) {
            throw new GgufFormatException(elements + " elements are not a whole number of " + name()
                    + " blocks of " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }
}
