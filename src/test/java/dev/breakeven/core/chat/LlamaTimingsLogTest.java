package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlamaTimingsLogTest {
    private static final String REPORT = """
            slot print_timing: id  0 | task 0 |\s
            prompt eval time =       2.57 ms /     1 tokens (    2.57 ms per token,   389.71 tokens per second)
                   eval time =      72.55 ms /    32 tokens (    2.27 ms per token,   441.09 tokens per second)
                  total time =      75.11 ms /    33 tokens
            """;

    @Test
    void readsTheLastCompleteReport() {
        String log = REPORT.replace("441.09", "100.00") + "noise\n" + REPORT;
        EngineTimings t = LlamaTimingsLog.parseLast(log).orElseThrow();
        assertThat(t.promptTokens()).isEqualTo(1);
        assertThat(t.promptPerSecond()).isEqualTo(389.71);
        assertThat(t.predictedTokens()).isEqualTo(32);
        assertThat(t.predictedMs()).isEqualTo(72.55);
        assertThat(t.predictedPerSecond()).isEqualTo(441.09);
    }

    @Test
    void aReportCutBeforeItsDecodeLineIsNotComplete() {
        String cut = REPORT.substring(0, REPORT.indexOf("       eval time"));
        assertThat(LlamaTimingsLog.hasReport(cut)).isFalse();
        assertThat(LlamaTimingsLog.hasReport(REPORT)).isTrue();
    }
}
