package dev.breakeven.ui.chat;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class MarkdownRendererTest {
    @Start
    void start(Stage stage) {
        // the toolkit is all these tests need
    }

    private static List<String> spans(Node flow, String styleClass) {
        return ((TextFlow) flow).getChildren().stream().filter(n -> n.getStyleClass().contains(styleClass))
                .map(n -> ((Text) n).getText()).toList();
    }

    @Test
    void rendersHeadingsParagraphsListsAndInlineStyles() {
        List<Node> blocks = MarkdownRenderer.blocks("""
                ## Result
                It is **fast** and *cheap*, see `bench --json`.
                continued line

                - first item
                2. second item""");
        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0).getStyleClass()).contains("md-heading", "md-h2");
        assertThat(spans(blocks.get(1), "md-bold")).containsExactly("fast");
        assertThat(spans(blocks.get(1), "md-italic")).containsExactly("cheap");
        assertThat(spans(blocks.get(1), "md-code")).containsExactly("bench --json");
        assertThat(String.join("", spans(blocks.get(1), "md-text"))).contains("continued line");
        assertThat(spans(blocks.get(2), "md-text").getFirst()).startsWith("• first item");
        assertThat(spans(blocks.get(3), "md-text").getFirst()).startsWith("2. second item");
    }

    @Test
    void fencedCodeIsOneMonospaceBoxKeepingItsLinesEvenWhenUnclosed() {
        List<Node> blocks = MarkdownRenderer.blocks("Code:\n```java\nint x = 1;\n  **not bold**\n```\nAfter.\n```\nhalf");
        assertThat(blocks).hasSize(4);
        Label code = (Label) blocks.get(1);
        assertThat(code.getStyleClass()).contains("md-code-block");
        assertThat(code.getText()).isEqualTo("int x = 1;\n  **not bold**");
        assertThat(((Label) blocks.get(3)).getText()).isEqualTo("half");
    }
}
