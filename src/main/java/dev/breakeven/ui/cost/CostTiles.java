package dev.breakeven.ui.cost;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.HBox;

/** TilesFX tiles for the three headline figures: payback, API per month and local per month. */
final class CostTiles {
    private final HBox root = new HBox(10);

    CostTiles(CostsViewModel vm) {
        root.getStyleClass().add("cost-tiles");
        root.getChildren().addAll(
                tile("tile-payback", "Payback", vm.paybackProperty(), "hardware ÷ (API − power) per month"),
                tile("tile-api", "API per month", vm.apiMonthlyProperty(), "central (range)"),
                tile("tile-local", "Local per month", vm.localMonthlyProperty(), "amortised hardware + power"));
    }

    Node root() {
        return root;
    }

    private static Tile tile(String id, String title, ObservableStringValue value, String footnote) {
        Tile tile = TileBuilder.create()
                .skinType(Tile.SkinType.TEXT)
                .prefSize(250, 130)
                .title(title)
                .description("")
                .descriptionAlignment(Pos.CENTER)
                .text(footnote)
                .textVisible(true)
                .animated(false)
                .titleColor(Tile.FOREGROUND)
                .descriptionColor(Tile.FOREGROUND)
                .textColor(Tile.FOREGROUND)
                .build();
        tile.setId(id);
        tile.getStyleClass().add("cost-tile");
        tile.descriptionProperty().bind(value);
        return tile;
    }
}
