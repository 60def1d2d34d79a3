package io.ecomanalytics.simulator.imports;

/** Thrown inside an import when its caller asked it to stop; the import's transaction is rolled back. */
public class ImportCancelledException extends RuntimeException {
    public ImportCancelledException() {
        super("import cancelled");
    }
}
