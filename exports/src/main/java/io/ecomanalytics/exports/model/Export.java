package io.ecomanalytics.exports.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One export: what it is called, the period it covers (named in the file name, with the caller's filter) and its tables.
 *
 * @param title
 *            the document's title (PDF heading, workbook title)
 * @param from
 *            first day covered, or null
 * @param to
 *            last day covered, or null
 * @param sections
 *            one or more tables: sheets in Excel, sections in PDF
 */
public record Export(String title, LocalDate from, LocalDate to, List<Section> sections) {

    public static Export of(String title, LocalDate from, LocalDate to, Section... sections) {
        return new Export(title, from, to, List.of(sections));
    }
}
