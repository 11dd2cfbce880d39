package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {
    @Test
    void yieldsEachEventsDataSkippingCommentsAndOtherFields() throws IOException {
        String stream = ": keep-alive\n\ndata: {\"a\":1}\n\nevent: x\ndata:{\"b\":2}\ndata: more\n\ndata: [DONE]\n";
        SseReader reader = new SseReader(new BufferedReader(new StringReader(stream)));
        assertThat(reader.next()).isEqualTo("{\"a\":1}");
        assertThat(reader.next()).isEqualTo("{\"b\":2}\nmore");
        assertThat(reader.next()).isEqualTo("[DONE]");
        assertThat(reader.next()).isNull();
    }
}
