package io.ecomanalytics.contracts.geo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The 27 federative units of Brazil with their region and population, used to place simulated customers by population weight
 * and to derive a region from a state everywhere.
 * <p>
 * Source of the population figures: IBGE, Censo Demográfico 2022, "População residente" per UF (first results, published
 * 2023-06-28); total 203,080,756.
 */
public enum BrazilianState {
    AC("Acre", Region.NORTE, 830_018), AL("Alagoas", Region.NORDESTE, 3_127_683), AP("Amapá", Region.NORTE, 733_759), AM(
            "Amazonas", Region.NORTE,
            3_941_613), BA("Bahia", Region.NORDESTE, 14_141_626), CE("Ceará", Region.NORDESTE, 8_794_957), DF(
                    "Distrito Federal", Region.CENTRO_OESTE,
                    2_817_381), ES("Espírito Santo", Region.SUDESTE, 3_833_712), GO("Goiás", Region.CENTRO_OESTE,
                            7_056_495), MA("Maranhão", Region.NORDESTE, 6_776_699), MT("Mato Grosso", Region.CENTRO_OESTE,
                                    3_658_649), MS("Mato Grosso do Sul", Region.CENTRO_OESTE, 2_757_013), MG("Minas Gerais",
                                            Region.SUDESTE, 20_539_989), PA("Pará", Region.NORTE, 8_120_131), PB("Paraíba",
                                                    Region.NORDESTE, 3_974_687), PR("Paraná", Region.SUL, 11_444_380), PE(
                                                            "Pernambuco", Region.NORDESTE,
                                                            9_058_931), PI("Piauí", Region.NORDESTE, 3_271_199), RJ(
                                                                    "Rio de Janeiro", Region.SUDESTE,
                                                                    16_055_174), RN("Rio Grande do Norte", Region.NORDESTE,
                                                                            3_302_729), RS("Rio Grande do Sul", Region.SUL,
                                                                                    10_882_965), RO("Rondônia", Region.NORTE,
                                                                                            1_581_196), RR("Roraima",
                                                                                                    Region.NORTE, 636_707), SC(
                                                                                                            "Santa Catarina",
                                                                                                            Region.SUL,
                                                                                                            7_610_361), SP(
                                                                                                                    "São Paulo",
                                                                                                                    Region.SUDESTE,
                                                                                                                    44_411_238), SE(
                                                                                                                            "Sergipe",
                                                                                                                            Region.NORDESTE,
                                                                                                                            2_210_004), TO(
                                                                                                                                    "Tocantins",
                                                                                                                                    Region.NORTE,
                                                                                                                                    1_511_460);

    private static final long TOTAL_POPULATION = Arrays.stream(values()).mapToLong(BrazilianState::population).sum();

    private final String displayName;
    private final Region region;
    private final long population;

    BrazilianState(String displayName, Region region, long population) {
        this.displayName = displayName;
        this.region = region;
        this.population = population;
    }

    public String uf() {
        return name();
    }

    public String displayName() {
        return displayName;
    }

    public Region region() {
        return region;
    }

    public long population() {
        return population;
    }

    /** Share of Brazil's population living in this state, in [0, 1]. */
    public double populationWeight() {
        return (double) population / TOTAL_POPULATION;
    }

    /** The state for a two-letter code, ignoring case and surrounding blanks. */
    public static Optional<BrazilianState> fromUf(String uf) {
        if (uf == null) {
            return Optional.empty();
        }
        String code = uf.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
    }
}
