package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void handlesCarriageReturnLineEnds() throws IOException {
        SseReader reader = new SseReader(new StringReader("data: a\r\n\r\ndata: b\r\rdata: c\n\n"));
        assertThat(reader.next()).isEqualTo("a");
        assertThat(reader.next()).isEqualTo("b");
        assertThat(reader.next()).isEqualTo("c");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineOrEventOverItsCapEndsTheReadInsteadOfFillingTheHeap() {
        String longLine = "data: " + "x".repeat(2_000) + "\n\n";
        assertThatThrownBy(() -> new SseReader(new StringReader(longLine), 1_000, 10_000).next())
                .isInstanceOf(SseReader.LimitExceeded.class);
        String manyLines = "data: " + "y".repeat(500) + "\n";
        assertThatThrownBy(() -> new SseReader(new StringReader(manyLines.repeat(30) + "\n"), 1_000, 10_000).next())
                .isInstanceOf(SseReader.LimitExceeded.class);
    }

    @Test
    void namedEventsKeepTheirNameAndADatalessEventDropsIt() throws IOException {
        // Anthropic's shape: named events, an empty named event between them, and an unnamed one after
        String stream = "event: message_start\ndata: {\"a\":1}\n\nevent: ping\n\n: comment\ndata: {\"b\":2}\n\n"
                + "event: message_stop\ndata: {}";
        SseReader reader = new SseReader(new StringReader(stream));
        assertThat(reader.nextEvent()).isEqualTo(new SseReader.Event("message_start", "{\"a\":1}"));
        assertThat(reader.nextEvent()).isEqualTo(new SseReader.Event("", "{\"b\":2}"));
        assertThat(reader.nextEvent()).as("the last event without a blank line after it")
                .isEqualTo(new SseReader.Event("message_stop", "{}"));
        assertThat(reader.nextEvent()).isNull();
    }
}
