package io.ecomanalytics.exports.model;

import java.util.List;

/**
 * One table of an export: a sheet in Excel, a section in PDF, a block in CSV. It may carry a note (what the figures mean, or
 * why a section is empty) and a chart drawn above its table in PDF.
 *
 * @param name
 *            short name (sheet name, CSV block name)
 * @param title
 *            heading in PDF
 * @param note
 *            text shown with the table, or null
 * @param columns
 *            the header; empty for a section that is only a note
 * @param rows
 *            the rows, streamed
 * @param chart
 *            drawn above the table in PDF, or null
 * @param inCsv
 *            whether CSV writes this section (nested results keep one flat table in CSV)
 * @param tableInPdf
 *            whether PDF prints the table (a long series or a wide matrix is its chart in PDF, its table in Excel)
 */
public record Section(String name, String title, String note, List<Column> columns, Rows rows, Chart chart,
        boolean inCsv, boolean tableInPdf) {

    public Section(String name, String title, String note, List<Column> columns, Rows rows, Chart chart,
            boolean inCsv) {
        this(name, title, note, columns, rows, chart, inCsv, true);
    }

    public static Section table(String name, String title, List<Column> columns, Rows rows) {
        return new Section(name, title, null, columns, rows, null, true, true);
    }

    /** A section with nothing but a note: data that is missing says so instead of failing the export. */
    public static Section note(String name, String title, String note) {
        return new Section(name, title, note, List.of(), Rows.none(), null, false, true);
    }

    public Section withNote(String text) {
        return new Section(name, title, text, columns, rows, chart, inCsv, tableInPdf);
    }

    public Section withChart(Chart picture) {
        return new Section(name, title, note, columns, rows, picture, inCsv, tableInPdf);
    }

    /** Left out of CSV: the sheet of a nested result that CSV shows flat elsewhere. */
    public Section notInCsv() {
        return new Section(name, title, note, columns, rows, chart, false, tableInPdf);
    }

    /** In PDF only the chart (and note): the table is in the Excel sheet. */
    public Section chartOnlyInPdf() {
        return new Section(name, title, note, columns, rows, chart, inCsv, false);
    }
}
