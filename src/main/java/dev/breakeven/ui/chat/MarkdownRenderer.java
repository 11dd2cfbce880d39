package dev.breakeven.ui.chat;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers as Markdown: commonmark-java (CommonMark + GFM tables) parses, and this maps its tree to JavaFX nodes:
 * headings, paragraphs, emphasis, code spans, fenced code (a selectable box with a Copy button), nested lists,
 * block quotes, links and tables. Raw HTML shows as text. Any text can be selected: code boxes are read-only text
 * areas, and "Select text" (context menu) swaps an answer for its selectable source.
 */
final class MarkdownRenderer {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final String STYLESHEET = Objects.requireNonNull(
            MarkdownRenderer.class.getResource("markdown.css")).toExternalForm();

    private MarkdownRenderer() {
    }

    static VBox render(String markdown) {
        VBox box = new VBox(6);
        box.getStyleClass().add("markdown");
        box.getStylesheets().add(STYLESHEET);
        List<Node> rendered = blocks(markdown);
        box.getChildren().setAll(rendered);
        MenuItem select = new MenuItem("Select text");
        select.setOnAction(e -> box.getChildren().setAll(selectableSource(markdown, box, rendered)));
        box.setOnContextMenuRequested(e -> {
            if (!(e.getTarget() instanceof TextArea)) {
                new ContextMenu(select).show(box, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        return box;
    }

    /** The answer's text in a read-only area, to select and copy any part; "Done" shows it rendered again. */
    static List<Node> selectableSource(String markdown, VBox box, List<Node> rendered) {
        TextArea source = readOnlyArea(markdown, true);
        source.getStyleClass().add("md-source");
        Button done = new Button("Done");
        done.getStyleClass().add("md-copy-code");
        done.setOnAction(e -> box.getChildren().setAll(rendered));
        return List.of(source, done);
    }

    static List<Node> blocks(String markdown) {
        return children(PARSER.parse(markdown == null ? "" : markdown));
    }

    private static List<Node> children(org.commonmark.node.Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            Node node = block(child);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private static Node block(org.commonmark.node.Node node) {
        return switch (node) {
            case Heading heading -> flow(heading, "md-heading", "md-h" + heading.getLevel());
            case Paragraph paragraph -> flow(paragraph, "md-paragraph");
            case FencedCodeBlock code -> codeBlock(code.getLiteral(), code.getInfo());
            case IndentedCodeBlock code -> codeBlock(code.getLiteral(), "");
            case ListBlock list -> list(list);
            case BlockQuote quote -> styled(new VBox(4), "md-quote", children(quote));
            case TableBlock table -> table(table);
            case ThematicBreak ignored -> new Separator();
            case HtmlBlock html -> plain(html.getLiteral());
            default -> node.getFirstChild() != null ? styled(new VBox(4), "md-block", children(node)) : null;
        };
    }

    private static VBox styled(VBox box, String styleClass, List<Node> children) {
        box.getStyleClass().add(styleClass);
        box.getChildren().setAll(children);
        return box;
    }

    private static TextFlow plain(String text) {
        TextFlow flow = new TextFlow(span(stripTrailingNewline(text), "md-text"));
        flow.getStyleClass().add("md-paragraph");
        return flow;
    }

    private static TextFlow flow(org.commonmark.node.Node parent, String... styleClasses) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(styleClasses);
        inlines(parent, flow, List.of());
        return flow;
    }

    /** Inline children into the flow; {@code styles} are the emphasis classes of the enclosing nodes. */
    private static void inlines(org.commonmark.node.Node parent, TextFlow flow, List<String> styles) {
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            switch (child) {
                case org.commonmark.node.Text text -> flow.getChildren().add(span(text.getLiteral(), styles));
                case Code code -> flow.getChildren().add(span(code.getLiteral(), with(styles, "md-code")));
                case Emphasis emphasis -> inlines(emphasis, flow, with(styles, "md-italic"));
                case StrongEmphasis strong -> inlines(strong, flow, with(styles, "md-bold"));
                case SoftLineBreak ignored -> flow.getChildren().add(span(" ", styles));
                case HardLineBreak ignored -> flow.getChildren().add(span("\n", styles));
                case Link link -> flow.getChildren().add(link(link));
                case Image image -> flow.getChildren().add(span("[image: " + image.getDestination() + "]", styles));
                case HtmlInline html -> flow.getChildren().add(span(html.getLiteral(), styles));
                default -> inlines(child, flow, styles);
            }
        }
    }

    /**
     * A link shows its text; clicking copies the address rather than opening it: answers come from a model, and a
     * person should look at where a link goes before visiting it.
     */
    private static Hyperlink link(Link link) {
        StringBuilder text = new StringBuilder();
        collectText(link, text);
        String destination = link.getDestination();
        Hyperlink node = new Hyperlink(text.isEmpty() ? destination : text.toString());
        node.getStyleClass().add("md-link");
        node.setTooltip(new Tooltip(destination + "\n(click to copy the address)"));
        node.setUserData(destination);
        node.setOnAction(e -> copy(destination));
        return node;
    }

    private static void collectText(org.commonmark.node.Node parent, StringBuilder into) {
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.node.Text text) {
                into.append(text.getLiteral());
            } else if (child instanceof Code code) {
                into.append(code.getLiteral());
            } else {
                collectText(child, into);
            }
        }
    }

    private static VBox list(ListBlock list) {
        VBox box = new VBox(2);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof BulletList ? "•" : number++ + ".";
            Label bullet = new Label(marker);
            bullet.getStyleClass().add("md-list-marker");
            bullet.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = new VBox(2);
            content.getChildren().setAll(children(item));
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(6, bullet, content);
            row.getStyleClass().add("md-list-item");
            box.getChildren().add(row);
        }
        return box;
    }

    private static GridPane table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        int columns = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    TextFlow cell = flow(c, "md-table-cell");
                    if (head || (c instanceof TableCell tc && tc.isHeader())) {
                        cell.getStyleClass().add("md-table-header");
                    }
                    if (c instanceof TableCell tc && tc.getAlignment() == TableCell.Alignment.RIGHT) {
                        cell.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                    }
                    grid.add(cell, column++, row);
                }
                columns = Math.max(columns, column);
                row++;
            }
        }
        for (int i = 0; i < columns; i++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(Priority.SOMETIMES);
            grid.getColumnConstraints().add(constraints);
        }
        return grid;
    }

    /** Fenced code: a read-only, selectable monospace area sized to its lines, with its language and a Copy button. */
    private static VBox codeBlock(String literal, String info) {
        String code = stripTrailingNewline(literal);
        TextArea area = readOnlyArea(code, false);
        area.getStyleClass().add("md-code-block");
        String language = info == null ? "" : info.strip().split("\\s+", 2)[0];
        Label label = new Label(language);
        label.getStyleClass().add("md-code-language");
        Button copy = new Button("Copy");
        copy.getStyleClass().add("md-copy-code");
        copy.setOnAction(e -> {
            copy(code);
            copy.setText("Copied");
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, label, spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(header, area);
        box.getStyleClass().add("md-code-box");
        return box;
    }

    private static TextArea readOnlyArea(String text, boolean wrap) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(wrap);
        long lines = text.lines().count();
        area.setPrefRowCount((int) Math.max(1, Math.min(lines + (wrap ? 2 : 0), 40)));
        area.setMaxWidth(Double.MAX_VALUE);
        area.setMinHeight(Region.USE_PREF_SIZE);
        return area;
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<String> with(List<String> styles, String added) {
        List<String> all = new ArrayList<>(styles);
        all.add(added);
        return List.copyOf(all);
    }

    private static Text span(String text, List<String> styles) {
        Text node = new Text(text);
        node.getStyleClass().addAll(styles.isEmpty() ? List.of("md-text") : styles);
        return node;
    }

    private static Text span(String text, String styleClass) {
        return span(text, List.of(styleClass));
    }
}
