package dev.breakeven.ui.chat;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Markdown renderer for answers: headings, paragraphs, bullet and numbered lists, fenced code blocks
 * (a monospace box) and inline bold, italic and code. Anything else shows as plain text, never an error.
 */
final class MarkdownRenderer {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*(.+?)\\*\\*|__(.+?)__|\\*([^*\\s][^*]*?)\\*|(?<![\\w])_([^_\\s][^_]*?)_(?![\\w])");

    private MarkdownRenderer() {
    }

    static VBox render(String markdown) {
        VBox box = new VBox(6);
        box.getStyleClass().add("markdown");
        box.getChildren().setAll(blocks(markdown));
        return box;
    }

    static List<Node> blocks(String markdown) {
        List<Node> nodes = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        StringBuilder code = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                if (code == null) {
                    flushParagraph(paragraph, nodes);
                    code = new StringBuilder();
                } else {
                    nodes.add(codeBlock(code.toString()));
                    code = null;
                }
                continue;
            }
            if (code != null) {
                code.append(code.isEmpty() ? "" : "\n").append(line);
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            Matcher item = LIST_ITEM.matcher(line);
            if (heading.matches()) {
                flushParagraph(paragraph, nodes);
                TextFlow flow = inline(heading.group(2));
                flow.getStyleClass().addAll("md-heading", "md-h" + heading.group(1).length());
                nodes.add(flow);
            } else if (item.matches()) {
                flushParagraph(paragraph, nodes);
                String marker = item.group(1).matches("[-*+]") ? "•" : item.group(1);
                TextFlow flow = inline(marker + " " + item.group(2));
                flow.getStyleClass().add("md-list-item");
                nodes.add(flow);
            } else if (line.isBlank()) {
                flushParagraph(paragraph, nodes);
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        if (code != null) { // an unclosed fence while streaming or from a cut-off answer
            nodes.add(codeBlock(code.toString()));
        }
        flushParagraph(paragraph, nodes);
        return nodes;
    }

    private static void flushParagraph(StringBuilder paragraph, List<Node> nodes) {
        if (!paragraph.isEmpty()) {
            TextFlow flow = inline(paragraph.toString());
            flow.getStyleClass().add("md-paragraph");
            nodes.add(flow);
            paragraph.setLength(0);
        }
    }

    private static Node codeBlock(String code) {
        Label label = new Label(code);
        label.getStyleClass().add("md-code-block");
        label.setWrapText(false);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    static TextFlow inline(String text) {
        TextFlow flow = new TextFlow();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                flow.getChildren().add(span(text.substring(at, m.start()), "md-text"));
            }
            if (m.group(1) != null) {
                flow.getChildren().add(span(m.group(1), "md-code"));
            } else if (m.group(2) != null || m.group(3) != null) {
                flow.getChildren().add(span(m.group(2) != null ? m.group(2) : m.group(3), "md-bold"));
            } else {
                flow.getChildren().add(span(m.group(4) != null ? m.group(4) : m.group(5), "md-italic"));
            }
            at = m.end();
        }
        if (at < text.length()) {
            flow.getChildren().add(span(text.substring(at), "md-text"));
        }
        return flow;
    }

    private static Text span(String text, String styleClass) {
        Text node = new Text(text);
        node.getStyleClass().add(styleClass);
        return node;
    }
}
