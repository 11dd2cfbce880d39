package dev.breakeven.ui.chat;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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

    private static String text(Node flow) {
        StringBuilder all = new StringBuilder();
        for (Node n : ((TextFlow) flow).getChildren()) {
            all.append(n instanceof Text t ? t.getText() : n instanceof Hyperlink h ? h.getText() : "");
        }
        return all.toString();
    }

    private static <T extends Node> List<T> all(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (type.isInstance(root)) {
            found.add(type.cast(root));
        }
        if (root instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                found.addAll(all(child, type));
            }
        }
        return found;
    }

    @Test
    void rendersHeadingsParagraphsListsAndInlineStyles() {
        List<Node> blocks = MarkdownRenderer.blocks("""
                ## Result
                It is **fast** and *cheap*, see `bench --json`.
                continued line

                - first item
                - second with ***both***""");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).getStyleClass()).contains("md-heading", "md-h2");
        assertThat(text(blocks.get(0))).isEqualTo("Result");
        assertThat(spans(blocks.get(1), "md-bold")).containsExactly("fast");
        assertThat(spans(blocks.get(1), "md-italic")).containsExactly("cheap");
        assertThat(spans(blocks.get(1), "md-code")).containsExactly("bench --json");
        assertThat(text(blocks.get(1))).isEqualTo("It is fast and cheap, see bench --json. continued line");
        VBox list = (VBox) blocks.get(2);
        assertThat(list.getStyleClass()).contains("md-list");
        assertThat(list.getChildren()).hasSize(2);
        HBox second = (HBox) list.getChildren().get(1);
        assertThat(((Label) second.getChildren().get(0)).getText()).isEqualTo("•");
        TextFlow secondText = all(second, TextFlow.class).getFirst();
        Text both = (Text) secondText.getChildren().stream().filter(n -> ((Text) n).getText().equals("both")).findFirst().orElseThrow();
        assertThat(both.getStyleClass()).contains("md-bold", "md-italic");
    }

    @Test
    void nestedListsKeepTheirLevelsAndNumbering() {
        List<Node> blocks = MarkdownRenderer.blocks("""
                3. three
                   - inner a
                   - inner b
                4. four""");
        VBox outer = (VBox) blocks.getFirst();
        assertThat(outer.getChildren()).hasSize(2);
        HBox first = (HBox) outer.getChildren().get(0);
        assertThat(((Label) first.getChildren().get(0)).getText()).isEqualTo("3.");
        assertThat(((Label) ((HBox) outer.getChildren().get(1)).getChildren().get(0)).getText()).isEqualTo("4.");
        VBox content = (VBox) first.getChildren().get(1);
        VBox inner = (VBox) content.getChildren().get(1);
        assertThat(inner.getStyleClass()).contains("md-list");
        assertThat(inner.getChildren()).hasSize(2);
        assertThat(text(all(inner.getChildren().get(1), TextFlow.class).getFirst())).isEqualTo("inner b");
    }

    @Test
    void fencedCodeIsASelectableBoxWithItsLanguageAndACopyButtonEvenWhenUnclosed(FxRobot robot) {
        List<Node> blocks = MarkdownRenderer.blocks("Code:\n```java\nint x = 1;\n  **not bold**\n```\nAfter.\n```\nhalf");
        assertThat(blocks).hasSize(4);
        VBox box = (VBox) blocks.get(1);
        TextArea code = all(box, TextArea.class).getFirst();
        assertThat(code.getStyleClass()).contains("md-code-block");
        assertThat(code.getText()).isEqualTo("int x = 1;\n  **not bold**");
        assertThat(code.isEditable()).isFalse();
        assertThat(all(box, Label.class)).extracting(Label::getText).contains("java");
        assertThat(all(blocks.get(3), TextArea.class).getFirst().getText()).isEqualTo("half");

        Button copy = all(box, Button.class).getFirst();
        AtomicReference<String> clipboard = new AtomicReference<>();
        robot.interact(() -> {
            copy.fire();
            clipboard.set(Clipboard.getSystemClipboard().getString());
        });
        assertThat(clipboard.get()).isEqualTo("int x = 1;\n  **not bold**");
        assertThat(copy.getText()).isEqualTo("Copied");
    }

    @Test
    void blockQuotesLinksAndTables() {
        List<Node> blocks = MarkdownRenderer.blocks("""
                > quoted **advice**

                See [the docs](https://example.org/docs) now.

                | GPU | tok/s |
                |-----|------:|
                | 3090 | 112 |
                | 4090 | 156 |
                """);
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).getStyleClass()).contains("md-quote");
        assertThat(text(((VBox) blocks.get(0)).getChildren().getFirst())).isEqualTo("quoted advice");
        Hyperlink link = all(blocks.get(1), Hyperlink.class).getFirst();
        assertThat(link.getText()).isEqualTo("the docs");
        assertThat(link.getUserData()).isEqualTo("https://example.org/docs");
        GridPane table = (GridPane) blocks.get(2);
        assertThat(table.getStyleClass()).contains("md-table");
        assertThat(table.getChildren()).hasSize(6);
        assertThat(table.getChildren().subList(0, 2)).allMatch(n -> n.getStyleClass().contains("md-table-header"));
        assertThat(table.getChildren().stream().map(MarkdownRendererTest::text).toList())
                .containsExactly("GPU", "tok/s", "3090", "112", "4090", "156");
        assertThat(GridPane.getRowIndex(table.getChildren().get(5))).isEqualTo(2);
        assertThat(GridPane.getColumnIndex(table.getChildren().get(5))).isEqualTo(1);
    }

    @Test
    void rawHtmlIsShownAsTextAndTheWholeAnswerCanBeSwappedForSelectableSource(FxRobot robot) {
        List<Node> blocks = MarkdownRenderer.blocks("<script>alert(1)</script>\n\nok");
        assertThat(text(blocks.getFirst())).contains("<script>alert(1)</script>");
        AtomicReference<VBox> rendered = new AtomicReference<>();
        robot.interact(() -> rendered.set(MarkdownRenderer.render("Some *answer* text")));
        VBox box = rendered.get();
        List<Node> before = List.copyOf(box.getChildren());
        robot.interact(() -> box.getChildren().setAll(MarkdownRenderer.selectableSource("Some *answer* text", box, before)));
        TextArea source = (TextArea) box.getChildren().getFirst();
        assertThat(source.getText()).isEqualTo("Some *answer* text");
        assertThat(source.isEditable()).isFalse();
        robot.interact(() -> ((Button) box.getChildren().get(1)).fire());
        assertThat(box.getChildren()).containsExactlyElementsOf(before);
    }
}
