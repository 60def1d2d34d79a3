package io.ecomanalytics.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketCalendarTest {
    private final MarketCalendar calendar = new MarketCalendar(List.of(MarketCalendar.Promotion.parse("03-15:1:1.5")));

    @ParameterizedTest
    @CsvSource({"2024, 2024-03-31, 2024-02-13, 2024-11-29, 2024-05-12",
            "2025, 2025-04-20, 2025-03-04, 2025-11-28, 2025-05-11",
            "2017, 2017-04-16, 2017-02-28, 2017-11-24, 2017-05-14"})
    void findsTheMovingDates(int year, LocalDate easter, LocalDate carnival, LocalDate blackFriday, LocalDate mothersDay) {
        assertThat(MarketCalendar.easter(year)).isEqualTo(easter);
        assertThat(MarketCalendar.carnivalTuesday(year)).isEqualTo(carnival);
        assertThat(MarketCalendar.blackFriday(year)).isEqualTo(blackFriday);
        assertThat(MarketCalendar.mothersDay(year)).isEqualTo(mothersDay);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // ordinary Tuesday in March: month 0.97 x Tuesday 1.10
            "2024-03-05, 1.067",
            // Black Friday: November 1.15 x Friday 0.96 x week 2.2 x day 2.0
            "2024-11-29, 4.8576",
            // Monday of Black Friday week: 1.15 x 1.12 x 2.2
            "2024-11-25, 2.8336",
            // Carnival Monday: February 0.85 x Monday 1.12 x dip 0.6
            "2024-02-12, 0.5712",
            // Saturday before Mother's Day: May 1.02 x Saturday 0.80 x 1.4
            "2024-05-11, 1.1424",
            // Christmas run-up Wednesday: December 1.25 x 1.06 x 1.5
            "2024-12-18, 1.9875",
            // Christmas Day (Wednesday): 1.25 x 1.06 x 0.6
            "2024-12-25, 0.795",
            // Dia do Consumidor promotion, a Friday: 0.97 x 0.96 x 1.5
            "2024-03-15, 1.3968"})
    void weighsDaysByMonthWeekdayEventsAndPromotions(LocalDate day, double weight) {
        assertThat(calendar.dayWeight(day)).isCloseTo(weight, within(1e-9));
    }
}
