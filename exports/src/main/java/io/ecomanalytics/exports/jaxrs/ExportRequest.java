package io.ecomanalytics.exports.jaxrs;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;

import io.ecomanalytics.exports.model.ExportFormat;

/**
 * What the current call asked for, as {@link ExportNegotiation} decided it before the resource method runs: a resource that
 * answers a file differently (a whole list instead of a page) asks {@link #format()}.
 */
@RequestScoped
public class ExportRequest {
    private MediaType chosen;
    private ExportFormat format;
    private boolean byParameter;

    void decide(MediaType type, ExportFormat exportFormat, boolean fromParameter) {
        this.chosen = type;
        this.format = exportFormat;
        this.byParameter = fromParameter;
    }

    /** The export format asked for, or null for JSON (or any other non-file answer). */
    public ExportFormat format() {
        return format;
    }

    /** Whether a file is asked for. */
    public boolean isExport() {
        return format != null;
    }

    /** The media type chosen for the answer, or null when the method offers no exports. */
    MediaType chosen() {
        return chosen;
    }

    boolean byParameter() {
        return byParameter;
    }
}
