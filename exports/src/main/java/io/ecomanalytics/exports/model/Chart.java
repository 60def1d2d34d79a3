package io.ecomanalytics.exports.model;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A picture drawn with Java 2D (a JFreeChart chart, typically): the PDF writer draws it as vector graphics with the embedded
 * fonts; the spreadsheet and CSV writers leave it out (the section's table holds its figures).
 */
public interface Chart {
    void draw(Graphics2D graphics, Rectangle2D area);

    /** Height over width. */
    default float aspectRatio() {
        return 0.5f;
    }
}
