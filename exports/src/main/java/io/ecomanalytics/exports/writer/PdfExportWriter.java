package io.ecomanalytics.exports.writer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontMapper;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

import io.ecomanalytics.exports.model.Column;
import io.ecomanalytics.exports.model.ColumnType;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.Section;

/**
 * PDF with OpenPDF, which writes each finished page to the output as it goes: a long table is added {@link #CHUNK} rows at a
 * time, so a whole list never sits in memory. A4, landscape when a table is wide; a title with the period, then per section a
 * heading, its note, its chart (drawn as vector graphics) and its table with the header repeated on every page; page numbers in
 * the footer. Fonts: {@link ExportFonts}, embedded.
 */
public class PdfExportWriter implements ExportWriter {
    /** Rows of a table laid out before they are written. */
    static final int CHUNK = 200;
    private static final int WIDE = 7;
    private static final Color HEADER = new Color(0xE4, 0xE9, 0xF0);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    @Override
    public long write(Export export, OutputStream out) throws IOException {
        BaseFont regular = ExportFonts.pdf(false);
        BaseFont bold = ExportFonts.pdf(true);
        boolean wide = export.sections().stream().anyMatch(s -> s.tableInPdf() && s.columns().size() > WIDE);
        Document document = new Document(wide ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 42, 42);
        long rows = 0;
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setCloseStream(false);
            // a chart that does not fit stays before the table that follows it, on the next page
            writer.setStrictImageSequence(true);
            writer.setPageEvent(new Footer(export.title(), regular));
            document.addTitle(export.title());
            document.addCreator("ecommerce-analytics");
            document.open();
            document.add(new Paragraph(export.title(), new Font(bold, 16)));
            document.add(new Paragraph(period(export) + "generated " + GENERATED.format(ZonedDateTime.now(ZoneOffset.UTC)),
                    new Font(regular, 9, Font.NORMAL, Color.DARK_GRAY)));
            FontMapper fonts = new EmbeddedFontMapper(regular, bold);
            for (Section section : export.sections()) {
                rows += section(document, writer, section, regular, bold, fonts);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IOException("could not write the PDF: " + e.getMessage(), e);
        }
        out.flush();
        return rows;
    }

    private static String period(Export export) {
        LocalDate from = export.from();
        LocalDate to = export.to();
        if (from == null && to == null) {
            return "";
        }
        return (from == null ? "…" : from.toString()) + " to " + (to == null ? "…" : to.toString()) + " · ";
    }

    private static long section(Document document, PdfWriter writer, Section section, BaseFont regular, BaseFont bold,
            FontMapper fonts) throws DocumentException {
        Paragraph heading = new Paragraph(section.title(), new Font(bold, 12));
        heading.setSpacingBefore(12);
        heading.setSpacingAfter(4);
        document.add(heading);
        if (section.note() != null) {
            Paragraph note = new Paragraph(section.note(), new Font(regular, 9, Font.ITALIC, Color.DARK_GRAY));
            note.setSpacingAfter(4);
            document.add(note);
        }
        if (section.chart() != null) {
            chart(document, writer, section, fonts);
        }
        List<Column> columns = section.columns();
        if (columns.isEmpty()) {
            return 0;
        }
        if (!section.tableInPdf()) {
            long[] rows = {0};
            section.rows().forEach(values -> rows[0]++);
            return rows[0];
        }
        Font cellFont = new Font(regular, columns.size() > 10 ? 6.5f : 7.5f);
        Font headerFont = new Font(bold, columns.size() > 10 ? 6.5f : 7.5f);
        PdfPTable table = new PdfPTable(columns.size());
        table.setWidthPercentage(100);
        table.setWidths(widths(columns));
        table.setHeaderRows(1);
        table.setComplete(false);
        table.setSpacingBefore(2);
        for (Column column : columns) {
            PdfPCell cell = new PdfPCell(new Phrase(column.name(), headerFont));
            cell.setBackgroundColor(HEADER);
            cell.setHorizontalAlignment(Values.numeric(column.type()) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            table.addCell(cell);
        }
        long[] rows = {0};
        section.rows().forEach(values -> {
            for (int i = 0; i < columns.size(); i++) {
                ColumnType type = columns.get(i).type();
                PdfPCell cell = new PdfPCell(
                        new Phrase(Values.display(i < values.length ? values[i] : null, type), cellFont));
                cell.setHorizontalAlignment(Values.numeric(type) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                cell.setBorderColor(Color.LIGHT_GRAY);
                table.addCell(cell);
            }
            if (++rows[0] % CHUNK == 0) {
                add(document, table);
            }
        });
        table.setComplete(true);
        document.add(table);
        return rows[0];
    }

    private static void add(Document document, PdfPTable table) {
        try {
            document.add(table);
        } catch (DocumentException e) {
            throw new IllegalStateException("could not write the PDF table: " + e.getMessage(), e);
        }
    }

    private static void chart(Document document, PdfWriter writer, Section section, FontMapper fonts)
            throws DocumentException {
        float width = document.right() - document.left();
        float height = Math.min(width * section.chart().aspectRatio(), (document.top() - document.bottom()) * 0.6f);
        // shrunk to the room left on the page when most of it fits, rather than leaving the page half empty
        float room = writer.getVerticalPosition(true) - document.bottom() - 8;
        if (room < height && room >= height * 0.6f) {
            width = width * room / height;
            height = room;
        }
        PdfTemplate template = writer.getDirectContent().createTemplate(width, height);
        Graphics2D graphics = template.createGraphics(width, height, fonts);
        try {
            section.chart().draw(graphics, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            graphics.dispose();
        }
        Image image = Image.getInstance(template);
        image.setAlignment(Element.ALIGN_CENTER);
        document.add(image);
    }

    /** Relative column widths: text wider than numbers. */
    private static float[] widths(List<Column> columns) {
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = switch (columns.get(i).type()) {
                case TEXT -> 3f;
                case TIMESTAMP -> 2.6f;
                case DATE -> 1.8f;
                default -> 1.5f;
            };
        }
        return widths;
    }

    /** Every Java 2D font of a chart drawn with the embedded DejaVu Sans, bold where the chart asked for bold. */
    private record EmbeddedFontMapper(BaseFont regular, BaseFont bold) implements FontMapper {
        @Override
        public BaseFont awtToPdf(java.awt.Font font) {
            return font.isBold() ? bold : regular;
        }

        @Override
        public java.awt.Font pdfToAwt(BaseFont font, int size) {
            return ExportFonts.awt(font == bold, size);
        }
    }

    /** The document's title and the page number at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final String title;
        private final BaseFont font;

        Footer(String title, BaseFont font) {
            this.title = title;
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            Font small = new Font(font, 7, Font.NORMAL, Color.GRAY);
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(new Chunk(title, small)), document.left(),
                    page.getBottom() + 20, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT,
                    new Phrase(new Chunk("page " + writer.getPageNumber(), small)), document.right(),
                    page.getBottom() + 20, 0);
        }
    }
}
