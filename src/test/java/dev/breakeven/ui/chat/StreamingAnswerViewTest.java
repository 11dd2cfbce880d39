package dev.breakeven.ui.chat;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class StreamingAnswerViewTest {
    private final VBox list = new VBox();
    private ScrollPane scroll;

    @Start
    void start(Stage stage) {
        scroll = new ScrollPane(list);
        stage.setScene(new Scene(new StackPane(scroll), 400, 300));
        stage.show();
    }

    @Test
    void streamsIntoBoundedBlocksWithoutBitmapCachesAndRestoresTheViewportCacheWhenRemoved() throws Exception {
        StreamingAnswerView view = new StreamingAnswerView();
        String token = "word ".repeat(20);
        Node viewport = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> scroll.lookup(".viewport")));
        assertThat(viewport.isCache()).as("the skin caches its viewport").isTrue();

        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            list.getChildren().add(view);
            for (int i = 0; i < 40; i++) {
                view.append(token);
            }
        }));

        assertThat(view.length()).isEqualTo(40 * token.length());
        assertThat(view.text()).isEqualTo(token.repeat(40));
        var blocks = view.getChildren().stream().filter(TextFlow.class::isInstance).toList();
        assertThat(blocks).hasSize((int) Math.ceil(40.0 * token.length() / StreamingAnswerView.BLOCK_CHARS));
        assertThat(blocks).noneMatch(Node::isCache);
        assertThat(viewport.isCache()).as("viewport uncached while streaming").isFalse();

        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> list.getChildren().remove(view)));
        assertThat(viewport.isCache()).as("viewport cache restored after the answer leaves").isTrue();
    }

    @Test
    void streamingTextWrapsToTheWidthOfTheAnswerView() throws Exception {
        StreamingAnswerView view = new StreamingAnswerView();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            scroll.setFitToWidth(true); // as the Chat page has it
            list.getChildren().add(view);
            for (int i = 0; i < 10; i++) {
                view.append("a fairly long sentence that keeps going ");
            }
        }));
        WaitForAsyncUtils.waitForFxEvents();
        double viewport = WaitForAsyncUtils.asyncFx(() -> scroll.getViewportBounds().getWidth()).get();
        var block = (TextFlow) view.getChildren().stream().filter(TextFlow.class::isInstance).findFirst().orElseThrow();
        assertThat(block.getWidth()).as("the text block fits the view").isLessThanOrEqualTo(viewport);
        assertThat(list.getWidth()).isLessThanOrEqualTo(viewport);
        assertThat(block.getHeight()).as("wrapped onto several lines").isGreaterThan(3 * 14);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> list.getChildren().remove(view)));
    }
}
