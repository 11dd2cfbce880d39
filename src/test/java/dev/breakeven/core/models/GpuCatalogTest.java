package dev.breakeven.core.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GpuCatalogTest {
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final GpuCatalog CATALOG = GpuCatalog.load();

    @Test
    void holdsAtLeastFortySourcedEntriesWithUniqueIds() {
        assertThat(CATALOG.all()).hasSizeGreaterThanOrEqualTo(40);
        Set<String> ids = new HashSet<>();
        for (CatalogGpu gpu : CATALOG.all()) {
            assertThat(ids.add(gpu.id())).as("duplicate id %s", gpu.id()).isTrue();
            assertThat(gpu.source()).as(gpu.id()).startsWith("https://");
            assertThat(gpu.checked()).as(gpu.id()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(gpu.launchDate()).as(gpu.id()).matches("\\d{4}-\\d{2}");
            assertThat(gpu.vramGiB()).as(gpu.id()).isPositive();
            assertThat(gpu.bandwidthGBps()).as(gpu.id()).isPositive();
            assertThat(gpu.kind()).as(gpu.id()).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NVIDIA GeForce RTX 4090|rtx-4090",
            "AMD Radeon RX 7900 XTX|rx-7900-xtx",
            "AMD Radeon RX 7900 XT|rx-7900-xt",
            "Apple M2 Max|apple-m2-max",
            "Apple M4|apple-m4",
            "Apple M4 Max|apple-m4-max",
            "NVIDIA H100 80GB HBM3|h100-sxm",
            "NVIDIA H100 PCIe|h100-pcie",
            "NVIDIA A100-SXM4-80GB|a100-80gb",
            "Intel(R) Arc(TM) B580 Graphics|arc-b580",
            "NVIDIA GeForce RTX 3090|rtx-3090",
            "NVIDIA GeForce RTX 3090 Ti|rtx-3090-ti",
            "NVIDIA RTX A6000|rtx-a6000",
            "NVIDIA RTX 6000 Ada Generation|rtx-6000-ada",
            "NVIDIA RTX PRO 6000 Blackwell Workstation Edition|rtx-pro-6000-blackwell",
            "Tesla P40|tesla-p40",
            "AMD Radeon(TM) 8060S Graphics|ryzen-ai-max-plus-395",
            "NVIDIA GB10|dgx-spark"})
    void matchesRealDriverNames(String detected, String id) {
        assertThat(CATALOG.match(detected)).map(CatalogGpu::id).hasValue(id);
    }

    @Test
    void vramSeparatesTheTwo4060TiCards() {
        assertThat(CATALOG.match("NVIDIA GeForce RTX 4060 Ti", 16L * GIB)).map(CatalogGpu::id).hasValue("rtx-4060-ti-16gb");
        assertThat(CATALOG.match("NVIDIA GeForce RTX 4060 Ti", 8L * GIB)).map(CatalogGpu::id).hasValue("rtx-4060-ti-8gb");
        // nvidia-smi reports a little under the marketed size.
        assertThat(CATALOG.match("NVIDIA GeForce RTX 4060 Ti", 16380L * 1024 * 1024)).map(CatalogGpu::id)
                .hasValue("rtx-4060-ti-16gb");
    }

    @Test
    void lspciNamesListingVariantsAreDecidedByVram() {
        String lspci = "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]";
        assertThat(CATALOG.match(lspci, 24L * GIB)).map(CatalogGpu::id).hasValue("rx-7900-xtx");
        assertThat(CATALOG.match(lspci, 20L * GIB)).map(CatalogGpu::id).hasValue("rx-7900-xt");
    }

    @Test
    void doesNotGuessAcrossVariantsOrUnknownCards() {
        assertThat(CATALOG.match("NVIDIA GeForce RTX 3060 Ti")).isEmpty();
        assertThat(CATALOG.match("NVIDIA GeForce RTX 4090 Laptop GPU")).isEmpty();
        assertThat(CATALOG.match("NVIDIA A800-SXM4-80GB")).isEmpty();
        assertThat(CATALOG.match("Red Hat, Inc. Virtio GPU")).isEmpty();
        assertThat(CATALOG.match("")).isEmpty();
        assertThat(CATALOG.match(null)).isEmpty();
    }

    @Test
    void findTakesAnIdOrAName() {
        assertThat(CATALOG.find("rtx-5090")).map(CatalogGpu::name).hasValue("GeForce RTX 5090");
        assertThat(CATALOG.find("GeForce RTX 5060 Ti 16GB")).map(CatalogGpu::id).hasValue("rtx-5060-ti-16gb");
        assertThat(CATALOG.find("RTX 4090")).map(CatalogGpu::id).hasValue("rtx-4090");
        assertThat(CATALOG.find("no such card")).isEmpty();
        assertThat(CATALOG.byId("apple-m3-ultra")).map(CatalogGpu::unifiedMemory).hasValue(true);
    }

    @Test
    void vramIsReadInGibUnderItsNewAndItsOldName() throws Exception {
        for (String key : new String[] {"vramGiB", "vramGB"}) {
            CatalogGpu gpu = dev.breakeven.core.io.Json.mapper().readValue(
                    "{\"id\": \"x\", \"name\": \"X\", \"kind\": \"discrete\", \"" + key + "\": 24, \"bandwidthGBps\": 1000}",
                    CatalogGpu.class);
            assertThat(gpu.vramGiB()).as(key).isEqualTo(24.0);
            assertThat(gpu.vramBytes()).as(key).isEqualTo(24L << 30);
        }
    }
}
