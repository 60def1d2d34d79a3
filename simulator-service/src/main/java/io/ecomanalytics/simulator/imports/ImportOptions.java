package io.ecomanalytics.simulator.imports;

/**
 * How an import treats what is already loaded: {@code replace} empties the commerce tables first (in the import's transaction);
 * otherwise rows whose ids are already loaded are rejected.
 */
public record ImportOptions(boolean replace) {
}
