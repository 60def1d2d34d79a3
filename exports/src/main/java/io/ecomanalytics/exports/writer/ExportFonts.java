package io.ecomanalytics.exports.writer;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.lowagie.text.pdf.BaseFont;

/**
 * The one typeface of every document: DejaVu Sans, regular and bold, shipped in this module (Bitstream Vera licence with the
 * DejaVu changes in the public domain: {@code fonts/LICENSE-DejaVu.txt}). PDFs embed the subset they use; charts are laid out
 * with the same font registered in Java 2D, so a label measured for the chart is the label drawn in the PDF.
 */
public final class ExportFonts {
    /** The family name charts ask Java 2D for. */
    public static final String FAMILY = "DejaVu Sans";
    private static final byte[] REGULAR = read("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = read("fonts/DejaVuSans-Bold.ttf");
    private static final Font AWT_REGULAR = awt(REGULAR);
    private static final Font AWT_BOLD = awt(BOLD);

    private ExportFonts() {
    }

    /** A new PDF font (each document keeps the subset of glyphs it used). */
    static BaseFont pdf(boolean bold) {
        try {
            return BaseFont.createFont(bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf", BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED, false, bold ? BOLD : REGULAR, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java 2D font for charts, registered with the graphics environment under {@link #FAMILY}. */
    public static Font awt(boolean bold, float size) {
        return (bold ? AWT_BOLD : AWT_REGULAR).deriveFont(size);
    }

    private static Font awt(byte[] bytes) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            Font font = Font.createFont(Font.TRUETYPE_FONT, in);
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(font);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the bundled font is not a TrueType font", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = ExportFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing font resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
