package io.ecomanalytics.exports.model;

import java.lang.reflect.Type;

/**
 * Turns answers that are not {@link Exportable} themselves (lists, records of another module) into exports: a service registers
 * one CDI bean per family of answers.
 */
public interface ExportMapper {
    /**
     * The export of {@code entity}, or null when this mapper does not know it.
     *
     * @param type
     *            the resource method's declared type of the answer ({@code List<DailyMetrics>}), which an empty list lacks
     */
    Export toExport(Object entity, Type type);
}
