package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationStoreTest {
    @TempDir
    Path data;

    private Conversation sample(String question, String answer, long at) {
        AnswerMetrics metrics = new AnswerMetrics("embedded llama.cpp", "tiny.gguf", 20, 12, 41.5, 480.0, 38.2, 39.0,
                31.0, 12.4, "rapl", true, "FINISHED");
        return Conversation.start("Be brief.", SamplingSettings.defaults(), at)
                .append(StoredMessage.user(question, at), at)
                .append(new StoredMessage(Role.ASSISTANT, answer, at, false, metrics), at);
    }

    @Test
    void savesAndReloadsEveryFieldIncludingAnswerMetrics() throws IOException {
        ConversationStore store = ConversationStore.under(data);
        Conversation original = sample("What is a GGUF file?", "A model file format.", 1000);
        store.save(original);
        assertThat(Files.list(data.resolve("conversations"))).hasSize(1);
        Conversation loaded = store.load(original.id()).orElseThrow();
        assertThat(loaded).isEqualTo(original);
        assertThat(loaded.title()).isEqualTo("What is a GGUF file?");
        assertThat(loaded.messages().get(1).metrics().powerLabel()).isEqualTo("measured (rapl)");
    }

    @Test
    void aCorruptFileIsSkippedWithANoticeAndTheRestStillLoad() throws IOException {
        ConversationStore store = ConversationStore.under(data);
        store.save(sample("older", "a", 1000));
        store.save(sample("newer", "b", 2000));
        Files.writeString(store.folder().resolve("broken.json"), "{\"id\": \"x\", \"title\": ");
        ConversationStore.Listing listing = store.list();
        assertThat(listing.conversations()).extracting(Conversation::title).containsExactly("newer", "older");
        assertThat(listing.notices()).singleElement().asString().contains("Skipped broken.json");
    }

    @Test
    void aFileHoldingNullOrNullMessagesIsSkippedWithANoticeAndKept() throws IOException {
        ConversationStore store = ConversationStore.under(data);
        store.save(sample("kept", "a", 1000));
        Path nullFile = Files.writeString(store.folder().resolve("null.json"), "null");
        Path nullMessage = Files.writeString(store.folder().resolve("hole.json"),
                "{\"id\": \"abc\", \"messages\": [null]}");
        ConversationStore.Listing listing = store.list();
        assertThat(listing.conversations()).extracting(Conversation::title).containsExactly("kept");
        assertThat(listing.notices()).hasSize(2).anySatisfy(n -> assertThat(n).contains("Skipped null.json").contains("kept"))
                .anySatisfy(n -> assertThat(n).contains("Skipped hole.json"));
        assertThat(nullFile).exists();
        assertThat(nullMessage).exists();
    }

    @Test
    void temporariesLeftByAKilledWriteAreRemovedAtTheFirstListingButFreshOnesAreNot() throws IOException {
        ConversationStore store = ConversationStore.under(data);
        store.save(sample("kept", "a", 1000));
        Path stale = Files.writeString(store.folder().resolve(".abc.json123456.tmp"), "{\"id\":");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(ConversationStore.STALE_AFTER).minusSeconds(1)));
        Path inProgress = Files.writeString(store.folder().resolve(".def.json987.tmp"), "{");
        Path notOurs = Files.writeString(store.folder().resolve("notes.tmp"), "user file");
        Files.setLastModifiedTime(notOurs, Files.getLastModifiedTime(stale));

        assertThat(store.list().conversations()).hasSize(1);

        assertThat(stale).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void renameDeleteWithUndoAndFullTextSearch() throws IOException {
        // the Chat page's search box filters the listing with Conversation.mentions
        ConversationStore store = ConversationStore.under(data);
        Conversation first = sample("How fast is my GPU?", "About 40 tokens per second.", 1000);
        Conversation second = sample("Price per kWh?", "It depends on the tariff.", 2000);
        store.save(first);
        store.save(second);
        Conversation renamed = store.rename(first, "GPU speed");
        assertThat(store.load(first.id()).orElseThrow().title()).isEqualTo("GPU speed");
        assertThat(store.list().conversations().stream().filter(c -> c.mentions("TOKENS PER")))
                .extracting(Conversation::id).containsExactly(first.id());
        assertThat(store.list().conversations().stream().filter(c -> c.mentions("tariff")))
                .extracting(Conversation::id).containsExactly(second.id());
        assertThat(store.list().conversations().stream().filter(c -> c.mentions("speed")))
                .extracting(Conversation::id).containsExactly(first.id());

        Conversation deleted = store.delete(renamed);
        assertThat(store.list().conversations()).hasSize(1);
        store.restore(deleted);
        assertThat(store.load(first.id())).contains(renamed);
    }

    @Test
    void exportsMarkdownWithRolesMetricsAndCode() {
        Conversation conversation = sample("Show code", "Here:\n\n```java\nint x = 1;\n```", 1000);
        String md = MarkdownExport.toMarkdown(conversation);
        assertThat(md).startsWith("# Show code\n")
                .contains("> System prompt: Be brief.", "## You\n\nShow code", "## Assistant (tiny.gguf, 12 tokens at 38.2 tok/s, 12.4 J measured (rapl))",
                        "```java\nint x = 1;\n```");
    }
}
