package dev.breakeven.ui.cost;

import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** PNG export goes through ImageIO and keeps every pixel, transparency included. */
class ChartExportTest {
    @Test
    void pixelsSurviveTheRoundTripThroughImageIo() throws Exception {
        WritableImage image = new WritableImage(3, 2);
        image.getPixelWriter().setColor(0, 0, Color.rgb(255, 0, 0));
        image.getPixelWriter().setColor(2, 1, Color.rgb(10, 200, 30, 0.5));
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(ChartExport.png(image)));
        assertThat(read.getWidth()).isEqualTo(3);
        assertThat(read.getHeight()).isEqualTo(2);
        assertThat(read.getRGB(0, 0)).isEqualTo(0xFFFF0000);
        assertThat(read.getRGB(2, 1) >>> 24).isBetween(126, 128);
        assertThat(read.getRGB(1, 0) >>> 24).isZero();
    }
}
