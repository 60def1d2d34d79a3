package io.ecomanalytics.simulator.generator;

import static io.ecomanalytics.simulator.generator.SimulationConstants.*;

/**
 * A product's sales level over its life relative to its maturity (1.0): a slow introduction, a linear growth, a flat maturity
 * and a linear decline to its discontinuation, after which it sells nothing.
 */
public final class ProductLifecycle {
    public static final String INTRODUCTION = "introduction";
    public static final String GROWTH = "growth";
    public static final String MATURITY = "maturity";
    public static final String DECLINE = "decline";
    public static final String DISCONTINUED = "discontinued";

    private ProductLifecycle() {
    }

    /** The sales level {@code ageDays} after launch for a product that lives {@code lifetimeDays}. */
    public static double level(double ageDays, int lifetimeDays) {
        if (ageDays < 0 || ageDays >= lifetimeDays) {
            return 0;
        }
        double x = ageDays / lifetimeDays;
        double growthStart = INTRODUCTION_SHARE;
        double maturityStart = growthStart + GROWTH_SHARE;
        double declineStart = maturityStart + MATURITY_SHARE;
        if (x < growthStart) {
            return LAUNCH_LEVEL + (INTRODUCTION_END_LEVEL - LAUNCH_LEVEL) * x / growthStart;
        }
        if (x < maturityStart) {
            return INTRODUCTION_END_LEVEL + (1 - INTRODUCTION_END_LEVEL) * (x - growthStart) / GROWTH_SHARE;
        }
        if (x < declineStart) {
            return 1;
        }
        return 1 - (1 - END_OF_LIFE_LEVEL) * (x - declineStart) / (1 - declineStart);
    }

    public static String stage(double ageDays, int lifetimeDays) {
        if (ageDays >= lifetimeDays) {
            return DISCONTINUED;
        }
        double x = Math.max(0, ageDays) / lifetimeDays;
        if (x < INTRODUCTION_SHARE) {
            return INTRODUCTION;
        }
        if (x < INTRODUCTION_SHARE + GROWTH_SHARE) {
            return GROWTH;
        }
        return x < INTRODUCTION_SHARE + GROWTH_SHARE + MATURITY_SHARE ? MATURITY : DECLINE;
    }
}
