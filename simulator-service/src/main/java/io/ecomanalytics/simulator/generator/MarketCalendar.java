package io.ecomanalytics.simulator.generator;

import static io.ecomanalytics.simulator.generator.SimulationConstants.*;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * How busy a day is relative to an average day: month x weekday x market events (Black Friday week, Christmas run-up, Mother's
 * Day, Carnival) x the configured promotions.
 */
public final class MarketCalendar {
    /** A recurring promotion: {@code days} days from {@code start} every year, sales multiplied by {@code multiplier}. */
    public record Promotion(MonthDay start, int days, double multiplier) {
        /** Parses {@code MM-dd:days:multiplier}, e.g. {@code 03-15:1:1.3}. */
        public static Promotion parse(String text) {
            String[] parts = text.strip().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("promotion '" + text + "' is not MM-dd:days:multiplier");
            }
            return new Promotion(MonthDay.parse("--" + parts[0]), Integer.parseInt(parts[1]),
                    Double.parseDouble(parts[2]));
        }

        boolean covers(LocalDate date) {
            LocalDate first = start.atYear(date.getYear());
            return !date.isBefore(first) && date.isBefore(first.plusDays(days));
        }
    }

    private final List<Promotion> promotions;

    public MarketCalendar(List<Promotion> promotions) {
        this.promotions = List.copyOf(promotions);
    }

    public double dayWeight(LocalDate date) {
        double weight = MONTH_INDEX[date.getMonthValue() - 1] * WEEKDAY_INDEX[date.getDayOfWeek().getValue() - 1]
                * eventMultiplier(date);
        for (Promotion p : promotions) {
            if (p.covers(date)) {
                weight *= p.multiplier();
            }
        }
        return weight;
    }

    /** The multiplier of the market events on this day (1 on an ordinary day). */
    public static double eventMultiplier(LocalDate date) {
        int year = date.getYear();
        LocalDate blackFriday = blackFriday(year);
        LocalDate weekStart = blackFriday.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (!date.isBefore(weekStart) && date.isBefore(weekStart.plusDays(7))) {
            return date.equals(blackFriday) ? BLACK_FRIDAY_WEEK * BLACK_FRIDAY_DAY : BLACK_FRIDAY_WEEK;
        }
        if (date.getMonth() == Month.DECEMBER) {
            int day = date.getDayOfMonth();
            if (day >= CHRISTMAS_RUN_UP_FIRST_DAY && day <= CHRISTMAS_RUN_UP_LAST_DAY) {
                return CHRISTMAS_RUN_UP;
            }
            if (day == 24 || day == 25) {
                return CHRISTMAS_DAYS;
            }
        }
        LocalDate mothersDay = mothersDay(year);
        if (!date.isAfter(mothersDay) && date.isAfter(mothersDay.minusDays(MOTHERS_DAY_LEAD_DAYS))) {
            return MOTHERS_DAY_WEEK;
        }
        LocalDate carnival = carnivalTuesday(year);
        if (!date.isBefore(carnival.minusDays(3)) && !date.isAfter(carnival.plusDays(1))) {
            return CARNIVAL_DIP;
        }
        return 1.0;
    }

    /** The day after the fourth Thursday of November, as in the United States and in Brazilian retail. */
    public static LocalDate blackFriday(int year) {
        return LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY))
                .plusDays(1);
    }

    /** Brazilian Mother's Day: the second Sunday of May. */
    public static LocalDate mothersDay(int year) {
        return LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY));
    }

    public static LocalDate carnivalTuesday(int year) {
        return easter(year).minusDays(CARNIVAL_DAYS_BEFORE_EASTER);
    }

    /** Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    public static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
