package io.ecomanalytics.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SegmentMapTest {

    @Test
    void theStandardMapGivesEveryCellItsClassicSegment() {
        SegmentMap map = SegmentMap.standard();
        // rows R 5..1, columns F 1..5, as the classic RFM segment map draws them
        String[][] expected = {
                {"new", "potential_loyalist", "potential_loyalist", "champions", "champions"},
                {"promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"},
                {"about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"},
                {"hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"},
                {"lost", "hibernating", "at_risk", "at_risk", "cant_lose"}};
        for (int r = 5; r >= 1; r--) {
            for (int f = 1; f <= 5; f++) {
                assertThat(map.of(r, f).apiName()).as("R%d F%d", r, f).isEqualTo(expected[5 - r][f - 1]);
            }
        }
        assertThat(map.sql("r", "f")).startsWith("('{lost,hibernating,at_risk,at_risk,cant_lose,hibernating,");
    }

    @Test
    void configuredRangesReplaceASegmentsOwnAndTheFirstSegmentTakesACell() {
        SegmentMap map = SegmentMap.configured(Map.of("champions", "4-5, 4-5", "POTENTIAL-LOYALIST", "4-5,2-3"));
        assertThat(map.of(4, 4)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(map.of(4, 5)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(map.of(3, 4)).isEqualTo(RfmSegment.LOYAL);
        assertThat(map.fRange(RfmSegment.LOYAL, 4)).isNull();
        assertThat(map.fRange(RfmSegment.CHAMPIONS, 4)).containsExactly(4, 5);
    }

    @Test
    void refusesAMapThatLeavesACellWithoutASegmentOrSplitsAnFRun() {
        assertThatThrownBy(() -> SegmentMap.configured(Map.of("hibernating", "2-2,2-2")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("R1F2").hasMessageContaining("R2F1");
        // need attention over R3 F1-5, after loyal (R3 F4-5 stays loyal's) and before about to sleep, which keeps no cell
        SegmentMap attention = SegmentMap.configured(Map.of("need_attention", "3-3,1-5"));
        assertThat(attention.of(3, 1)).isEqualTo(RfmSegment.NEED_ATTENTION);
        assertThat(attention.of(3, 4)).isEqualTo(RfmSegment.LOYAL);
        assertThat(attention.fRange(RfmSegment.ABOUT_TO_SLEEP, 3)).isNull();
        // champions on R5 F3 before potential loyalist over R4-5 F2-5: potential loyalist's R5 cells are F2, F4, F5 - split
        assertThatThrownBy(() -> SegmentMap.configured(Map.of("champions", "5-5,3-3", "potential_loyalist", "4-5,2-5")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("potential_loyalist");
        assertThatThrownBy(() -> SegmentMap.configured(Map.of("champs", "5-5,4-5")))
                .hasMessageContaining("analytics.rfm.segments.champs");
        assertThatThrownBy(() -> SegmentMap.configured(Map.of("champions", "5-4,4-5")))
                .hasMessageContaining("minR-maxR,minF-maxF");
        assertThatThrownBy(() -> SegmentMap.configured(Map.of("champions", "0-5,4-5")))
                .hasMessageContaining("minR-maxR,minF-maxF");
    }
}
