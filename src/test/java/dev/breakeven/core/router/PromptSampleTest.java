package dev.breakeven.core.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptSampleTest {
    @TempDir
    Path dir;

    @Test
    void plainAndJsonLinesMixAndBlankLinesAreSkipped() throws Exception {
        String text = """
                what is 2+2?

                {"prompt": "fix:\\n```\\nx\\n```", "turns": 7}
                {"text": "hello", "tokens": 42}
                """;
        List<RouteRequest> requests = PromptSample.parse(text);
        assertThat(requests).containsExactly(
                RouteRequest.of("what is 2+2?"),
                new RouteRequest("fix:\n```\nx\n```", 7, null),
                new RouteRequest("hello", 0, 42));
    }

    @Test
    void badJsonLinesNameTheirLineNumber() {
        assertThatThrownBy(() -> PromptSample.parse("ok\n{\"prompt\": 3}")).hasMessage("line 2: needs a \"prompt\" string");
        assertThatThrownBy(() -> PromptSample.parse("{oops")).hasMessage("line 1: not valid JSON");
        assertThatThrownBy(() -> PromptSample.parse("{\"prompt\": \"a\", \"turns\": -1}"))
                .hasMessageContaining("line 1: \"turns\" must be a whole number");
        assertThatThrownBy(() -> PromptSample.parse("{\"prompt\": \"a\", \"role\": \"user\"}"))
                .hasMessageContaining("unknown field \"role\"");
    }

    @Test
    void readsAUtf8FileWithABomAndRejectsOtherEncodings() throws Exception {
        Path good = dir.resolve("p.txt");
        Files.writeString(good, "\uFEFFbonjour, étape\r\nsecond\r\n");
        assertThat(PromptSample.read(good)).extracting(RouteRequest::prompt).containsExactly("bonjour, étape", "second");

        Path latin1 = dir.resolve("l.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThatThrownBy(() -> PromptSample.read(latin1)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> PromptSample.read(dir.resolve("missing.txt"))).hasMessageContaining("cannot read");
    }
}
