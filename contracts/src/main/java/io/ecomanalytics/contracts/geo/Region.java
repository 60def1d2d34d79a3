package io.ecomanalytics.contracts.geo;

/** The five Brazilian macro-regions (IBGE). {@link #name()} is the code stored in the database and in Redis keys. */
public enum Region {
    NORTE("Norte"), NORDESTE("Nordeste"), CENTRO_OESTE("Centro-Oeste"), SUDESTE("Sudeste"), SUL("Sul");

    private final String displayName;

    Region(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
