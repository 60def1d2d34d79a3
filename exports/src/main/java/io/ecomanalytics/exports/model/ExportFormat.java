package io.ecomanalytics.exports.model;

import java.util.Locale;

import jakarta.ws.rs.core.MediaType;

/** The three file formats, with their media types and file extensions. */
public enum ExportFormat {
    CSV("text/csv", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"), PDF(
            "application/pdf", "pdf");

    public static final String CSV_TYPE = "text/csv";
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PDF_TYPE = "application/pdf";

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public MediaType type() {
        return MediaType.valueOf(mediaType);
    }

    public String extension() {
        return extension;
    }

    /** The format of a media type (parameters ignored), or null. */
    public static ExportFormat ofMediaType(MediaType type) {
        for (ExportFormat f : values()) {
            if (f.type().isCompatible(type) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return f;
            }
        }
        return null;
    }

    /** JAX-RS conversion of {@code ?format=}: any letter case ({@code csv}, {@code XLSX}). */
    public static ExportFormat fromString(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
