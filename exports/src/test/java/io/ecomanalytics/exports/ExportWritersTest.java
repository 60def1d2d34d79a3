package io.ecomanalytics.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.exports.jaxrs.FileNames;
import io.ecomanalytics.exports.model.Column;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.Rows;
import io.ecomanalytics.exports.model.Section;
import io.ecomanalytics.exports.writer.CsvExportWriter;
import io.ecomanalytics.exports.writer.PdfExportWriter;
import io.ecomanalytics.exports.writer.XlsxExportWriter;

class ExportWritersTest {
    private static final List<Column> COLUMNS = List.of(Column.text("name"), Column.id("id"), Column.integer("orders"),
            Column.money("revenue"), Column.ratio("share"), Column.date("day"), Column.timestamp("at"));

    private static Export sample() {
        Section people = Section.table("people", "People", COLUMNS, Rows.ofArrays(
                new Object[]{"São Paulo", 12L, 1234L, new BigDecimal("1234.50"), new BigDecimal("0.5423"),
                        LocalDate.of(2024, 1, 31), OffsetDateTime.of(2024, 1, 31, 15, 0, 0, 0, ZoneOffset.UTC)},
                new Object[]{"Rio", 7L, 3L, null, null, null, null}));
        Section note = Section.note("forecast", "Forecast", "too little history for a forecast");
        return Export.of("Sample export", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), people, note);
    }

    @Test
    void writesCsvAsTheJsonShowsValues() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = new CsvExportWriter().write(sample(), out);
        assertThat(rows).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).split("\r\n")).containsExactly(
                "name,id,orders,revenue,share,day,at",
                "São Paulo,12,1234,1234.50,0.5423,2024-01-31,2024-01-31T15:00Z",
                "Rio,7,3,,,,");
    }

    @Test
    void writesNumbersAsNumbersAndDatesAsDatesInExcel() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new XlsxExportWriter().write(sample(), out)).isEqualTo(2);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getSheet("people");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            Row header = sheet.getRow(0);
            assertThat(header.getCell(3).getStringCellValue()).isEqualTo("revenue");
            assertThat(book.getFontAt(header.getCell(3).getCellStyle().getFontIndex()).getBold()).isTrue();
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("São Paulo");
            Cell revenue = first.getCell(3);
            assertThat(revenue.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(revenue.getNumericCellValue()).isEqualTo(1234.5);
            assertThat(revenue.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(first.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(1234);
            Cell day = first.getCell(5);
            assertThat(DateUtil.isCellDateFormatted(day)).isTrue();
            assertThat(day.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 31));
            assertThat(first.getCell(6).getLocalDateTimeCellValue().getHour()).isEqualTo(15);
            assertThat(sheet.getColumnWidth(0)).isGreaterThan(sheet.getColumnWidth(1));
            assertThat(sheet.getRow(2).getCell(3)).isNull();
            assertThat(book.getSheet("forecast").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("too little history for a forecast");
        }
    }

    @Test
    void writesPdfWithEmbeddedFontAndEveryFigure() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new PdfExportWriter().write(sample(), out)).isEqualTo(2);
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Sample export", "2024-01-01 to 2024-06-30", "São Paulo", "1,234.50", "54.23%",
                    "2024-01-31 15:00:00", "too little history for a forecast");
            PDFont font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames()
                    .iterator().next());
            assertThat(font.getName()).contains("DejaVuSans");
            assertThat(font.isEmbedded()).isTrue();
        }
    }

    @Test
    void streamsLongTablesToPdfAndExcel() throws IOException {
        Rows many = sink -> {
            for (int i = 0; i < 5_000; i++) {
                sink.row("person " + i, (long) i, (long) i, BigDecimal.valueOf(i, 2), null, null, null);
            }
        };
        Export export = Export.of("Long", null, null, Section.table("list", "List", COLUMNS, many));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        assertThat(new PdfExportWriter().write(export, pdf)).isEqualTo(5_000);
        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(50);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(document.getNumberOfPages());
            String last = stripper.getText(document);
            assertThat(last).contains("person 4999", "49.99");
        }
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        new XlsxExportWriter().write(Export.of("Long", null, null, Section.table("list", "List", COLUMNS, many)), xlsx);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            assertThat(book.getSheet("list").getLastRowNum()).isEqualTo(5_000);
            assertThat(book.getSheet("list").getRow(5_000).getCell(3).getNumericCellValue()).isEqualTo(49.99);
        }
    }

    @Test
    void namesFilesAfterAnalysisAndFilter() {
        String name = FileNames.name("rfm-segments", java.util.Arrays.asList("2025-01-01", "2025-12-31", null, "SP"), "xlsx");
        assertThat(name).isEqualTo("rfm-segments_2025-01-01_2025-12-31_SP.xlsx");
        assertThat(FileNames.contentDisposition(name)).isEqualTo("attachment; filename=\"" + name + "\"");
        String accented = FileNames.name("top-products", List.of("cama mesa/banho", "eletrônicos"), "csv");
        assertThat(accented).isEqualTo("top-products_cama-mesa-banho_eletrônicos.csv");
        assertThat(FileNames.contentDisposition(accented)).isEqualTo(
                "attachment; filename=\"top-products_cama-mesa-banho_eletronicos.csv\";"
                        + " filename*=UTF-8''top-products_cama-mesa-banho_eletr%C3%B4nicos.csv");
        assertThat(FileNames.name("x", List.of("a\"b\r\nc;../..", "日本"), "pdf")).isEqualTo("x_a-b-c-..-.._日本.pdf");
        assertThat(FileNames.kebab("rfmSegments")).isEqualTo("rfm-segments");
    }
}
