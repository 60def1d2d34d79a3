package io.ecomanalytics.contracts.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class BrazilianStateTest {

    @Test
    void hasTheTwentySevenUnitsWithTheCensusTotal() {
        assertThat(BrazilianState.values()).hasSize(27);
        // IBGE, Censo 2022: 203,080,756 residents
        assertThat(Arrays.stream(BrazilianState.values()).mapToLong(BrazilianState::population).sum())
                .isEqualTo(203_080_756L);
        assertThat(Arrays.stream(BrazilianState.values()).mapToDouble(BrazilianState::populationWeight).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void placesEachStateInItsRegion() {
        Map<Region, Long> perRegion = Arrays.stream(BrazilianState.values())
                .collect(Collectors.groupingBy(BrazilianState::region, Collectors.counting()));
        assertThat(perRegion).containsEntry(Region.NORTE, 7L).containsEntry(Region.NORDESTE, 9L)
                .containsEntry(Region.CENTRO_OESTE, 4L).containsEntry(Region.SUDESTE, 4L).containsEntry(Region.SUL, 3L);
        assertThat(BrazilianState.SP.region()).isEqualTo(Region.SUDESTE);
        assertThat(BrazilianState.DF.region()).isEqualTo(Region.CENTRO_OESTE);
        // São Paulo holds about 21.9% of the population
        assertThat(BrazilianState.SP.populationWeight()).isBetween(0.218, 0.219);
    }

    @Test
    void parsesCodesLeniently() {
        assertThat(BrazilianState.fromUf(" rj ")).contains(BrazilianState.RJ);
        assertThat(BrazilianState.fromUf("XX")).isEmpty();
        assertThat(BrazilianState.fromUf(null)).isEmpty();
    }
}
