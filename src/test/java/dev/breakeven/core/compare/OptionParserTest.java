package dev.breakeven.core.compare;

import dev.breakeven.core.models.GpuCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class OptionParserTest {
    private static final GpuCatalog CATALOG = GpuCatalog.load();

    private static CompareOption.Cards cards(String text) {
        return (CompareOption.Cards) OptionParser.parse(text, CATALOG, () -> {
            throw new AssertionError("no detection");
        });
    }

    @Test
    void namesIdsAndCounts() {
        assertEquals("rtx-3090", cards("GeForce RTX 3090").card().id());
        assertEquals("rtx-3090", cards("rtx-3090").card().id());
        assertEquals(2, cards("2x RTX 3090").count());
        assertEquals(3, cards("3× rtx-4090").count());
        assertEquals(4, cards("4 x GeForce RTX 3090").count());
    }

    @Test
    void theMemoryInTheNamePicksTheVariant() {
        assertEquals("rtx-4060-ti-16gb", cards("RTX 4060 Ti 16GB").card().id());
        assertEquals("rtx-4060-ti-8gb", cards("RTX 4060 Ti 8GB").card().id());
        assertEquals("rtx-4060-ti-16gb", cards("2x RTX 4060 Ti 16 GB").card().id());
    }

    @Test
    void formatParsesBack() {
        for (String text : new String[] {"rtx-5090", "2x rtx-3090", "RTX 4060 Ti 16GB"}) {
            CompareOption.Cards first = cards(text);
            CompareOption.Cards again = cards(OptionParser.format(first));
            assertEquals(first.card(), again.card());
            assertEquals(first.count(), again.count());
        }
        assertEquals("this", OptionParser.format(new CompareOption.ThisMachine(
                new dev.breakeven.core.hardware.HardwareProfile("Linux", null, null, java.util.List.of(), java.util.List.of()), null)));
    }

    @Test
    void unknownAndEmptyAreClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> cards("Voodoo 5"));
        assertTrue(e.getMessage().contains("no GPU named 'Voodoo 5'"));
        assertThrows(IllegalArgumentException.class, () -> cards(" "));
        assertThrows(IllegalArgumentException.class, () -> cards("0x RTX 3090"));
    }
}
