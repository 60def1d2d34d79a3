package io.ecomanalytics.exports.model;

/**
 * Turns answers that are not {@link Exportable} themselves (lists, records of another module) into exports: a service registers
 * one CDI bean per family of answers.
 */
public interface ExportMapper {
    /** The export of {@code entity}, or null when this mapper does not know it. */
    Export toExport(Object entity);
}
