package dev.breakeven.core.gguf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgmlTypeTest {
    @Test
    void idsRoundTripAndRemovedIdsAreUnknown() {
        for (GgmlType type : GgmlType.values()) {
            assertThat(GgmlType.byId(type.id())).contains(type);
        }
        for (int removed : new int[] {4, 5, 31, 32, 33, 36, 37, 38, 99, -1}) {
            assertThat(GgmlType.byId(removed)).isEmpty();
        }
    }

    @Test
    void bitsPerWeightMatchTheKnownFigures() {
        assertThat(GgmlType.Q4_0.bitsPerWeight()).isEqualTo(4.5);
        assertThat(GgmlType.Q8_0.bitsPerWeight()).isEqualTo(8.5);
        assertThat(GgmlType.Q4_K.bitsPerWeight()).isEqualTo(4.5);
        assertThat(GgmlType.Q6_K.bitsPerWeight()).isEqualTo(6.5625);
        assertThat(GgmlType.IQ2_XXS.bitsPerWeight()).isEqualTo(2.0625);
        assertThat(GgmlType.IQ1_S.bitsPerWeight()).isEqualTo(1.5625);
        assertThat(GgmlType.TQ1_0.bitsPerWeight()).isEqualTo(1.6875);
        assertThat(GgmlType.MXFP4.bitsPerWeight()).isEqualTo(4.25);
        assertThat(GgmlType.BF16.bitsPerWeight()).isEqualTo(16);
    }

    @Test
    void sizeIsWholeBlocksOrAnError() {
        assertThat(GgmlType.Q4_K.byteSize(4096L * 4096)).isEqualTo(4096L * 4096 / 256 * 144);
        assertThat(GgmlType.F32.byteSize(7)).isEqualTo(28);
        assertThatThrownBy(() -> GgmlType.Q8_0.byteSize(33)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("Q8_0");
    }
}
