package io.ecomanalytics.exports.writer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import io.ecomanalytics.exports.model.Column;
import io.ecomanalytics.exports.model.ColumnType;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.Section;

/**
 * Excel workbook, one sheet per section, written with POI's streaming SXSSF: only {@link #WINDOW} rows of a sheet are in
 * memory, the others go to a temporary file until the workbook is zipped to the output. Numbers are numeric cells, dates date
 * cells, each type with its display format (money two decimals, ratios as percentages); every sheet has a bold header row,
 * frozen below it, and column widths from the longest value of its first rows. A section longer than a sheet allows continues
 * on the next.
 */
public class XlsxExportWriter implements ExportWriter {
    /** Rows of a sheet held in memory. */
    static final int WINDOW = 100;
    /** Rows of a sheet whose values size its columns: measuring every cell of a million rows cost more than writing it. */
    static final int MEASURED_ROWS = 1000;
    private static final int MAX_WIDTH = 60;

    @Override
    public long write(Export export, OutputStream out) throws IOException {
        // temporary sheet files uncompressed: they are compressed once, into the workbook (gzip first doubled the cost)
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, WINDOW, false, false) {
            @Override
            protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream stream) {
                // the fastest deflate: a million-row sheet zips three times faster for a file about a fifth larger
                ZipArchiveOutputStream zip = super.createArchiveOutputStream(stream);
                zip.setLevel(Deflater.BEST_SPEED);
                return zip;
            }
        };
        try {
            workbook.getXSSFWorkbook().getProperties().getCoreProperties().setTitle(export.title());
            Map<ColumnType, CellStyle> styles = styles(workbook);
            CellStyle header = headerStyle(workbook);
            long rows = 0;
            for (Section section : export.sections()) {
                rows += new SheetWriter(workbook, section, styles, header).write();
            }
            workbook.write(out);
            out.flush();
            return rows;
        } finally {
            workbook.close();
        }
    }

    private static Map<ColumnType, CellStyle> styles(SXSSFWorkbook workbook) {
        DataFormat formats = workbook.createDataFormat();
        Map<ColumnType, CellStyle> styles = new EnumMap<>(ColumnType.class);
        for (ColumnType type : ColumnType.values()) {
            CellStyle style = workbook.createCellStyle();
            String format = switch (type) {
                case ID -> "0";
                case INTEGER -> "#,##0";
                case DECIMAL -> "0.0###";
                case MONEY -> "#,##0.00";
                case RATIO -> "0.00%";
                case PERCENT -> "0.00";
                case DATE -> "yyyy-mm-dd";
                case TIMESTAMP -> "yyyy-mm-dd hh:mm:ss";
                case TEXT -> null;
            };
            if (format != null) {
                style.setDataFormat(formats.getFormat(format));
            }
            styles.put(type, style);
        }
        return styles;
    }

    private static CellStyle headerStyle(SXSSFWorkbook workbook) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle style = workbook.createCellStyle();
        style.setFont(bold);
        return style;
    }

    /** Writes one section to one or more sheets. */
    private static final class SheetWriter {
        private final SXSSFWorkbook workbook;
        private final Section section;
        private final Map<ColumnType, CellStyle> styles;
        private final CellStyle header;
        private final int[] widths;
        private final CellStyle[] columnStyles;
        private SXSSFSheet sheet;
        private int next;
        private int part;

        SheetWriter(SXSSFWorkbook workbook, Section section, Map<ColumnType, CellStyle> styles, CellStyle header) {
            this.workbook = workbook;
            this.section = section;
            this.styles = styles;
            this.header = header;
            List<Column> columns = section.columns();
            this.widths = new int[columns.size()];
            this.columnStyles = new CellStyle[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                widths[i] = Math.max(columns.get(i).name().length(), minimumWidth(columns.get(i).type()));
                columnStyles[i] = styles.get(columns.get(i).type());
            }
        }

        long write() {
            newSheet();
            long[] rows = {0};
            section.rows().forEach(values -> {
                if (next >= SpreadsheetVersion.EXCEL2007.getMaxRows()) {
                    finishSheet();
                    newSheet();
                }
                Row row = sheet.createRow(next++);
                for (int i = 0; i < widths.length && i < values.length; i++) {
                    set(row, i, values[i]);
                }
                rows[0]++;
            });
            finishSheet();
            return rows[0];
        }

        private void newSheet() {
            part++;
            String name = section.name() + (part > 1 ? " (" + part + ")" : "");
            sheet = workbook.createSheet(uniqueName(name));
            next = 0;
            if (section.note() != null) {
                Row note = sheet.createRow(next++);
                note.createCell(0).setCellValue(section.note());
            }
            if (widths.length > 0) {
                Row head = sheet.createRow(next++);
                for (int i = 0; i < widths.length; i++) {
                    Cell cell = head.createCell(i);
                    cell.setCellValue(section.columns().get(i).name());
                    cell.setCellStyle(header);
                }
                sheet.createFreezePane(0, next);
            }
        }

        private String uniqueName(String name) {
            String safe = WorkbookUtil.createSafeSheetName(name);
            String candidate = safe;
            for (int i = 2; workbook.getSheet(candidate) != null; i++) {
                String suffix = " " + i;
                candidate = safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
            }
            return candidate;
        }

        private void finishSheet() {
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, Math.min(MAX_WIDTH, widths[i] + 2) * 256);
            }
        }

        private void set(Row row, int column, Object value) {
            if (value == null) {
                return;
            }
            Cell cell = row.createCell(column);
            ColumnType type = section.columns().get(column).type();
            Double number = Values.number(value);
            LocalDate date;
            LocalDateTime time;
            if (number != null && type != ColumnType.TEXT) {
                cell.setCellValue(number);
                if (next <= MEASURED_ROWS) {
                    widths[column] = Math.max(widths[column], Math.min(MAX_WIDTH, Values.display(value, type).length()));
                }
            } else if (type == ColumnType.TIMESTAMP && (time = Values.timestamp(value)) != null) {
                cell.setCellValue(time);
            } else if (type == ColumnType.DATE && (date = Values.date(value)) != null) {
                cell.setCellValue(date);
            } else {
                String text = Values.plain(value);
                cell.setCellValue(text);
                if (next <= MEASURED_ROWS) {
                    widths[column] = Math.max(widths[column], Math.min(MAX_WIDTH, text.length()));
                }
                return;
            }
            cell.setCellStyle(columnStyles[column]);
        }

        private static int minimumWidth(ColumnType type) {
            return switch (type) {
                case DATE -> 10;
                case TIMESTAMP -> 19;
                default -> 6;
            };
        }
    }
}
