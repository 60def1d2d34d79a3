package io.ecomanalytics.simulator.generator;

import java.util.SplittableRandom;

import org.apache.commons.math3.random.AbstractRandomGenerator;

/**
 * The random source of one entity (a product, a customer and its orders): reseeded from the run's seed and the entity's index,
 * so what an entity gets never depends on what was drawn before it or on which thread draws it. Commons Math distributions
 * sample from it.
 */
public final class EntityRandom extends AbstractRandomGenerator {
    private final long runSeed;
    private SplittableRandom random;

    public EntityRandom(long runSeed) {
        this.runSeed = runSeed;
        this.random = new SplittableRandom(runSeed);
    }

    /** Positions this source on entity {@code index} of stream {@code stream} (products, customers, fraud accounts…). */
    public EntityRandom at(int stream, long index) {
        // mixed, not added: consecutive SplittableRandom seeds would give shifted copies of one sequence
        random = new SplittableRandom(mix(runSeed ^ mix(((long) stream << 48) ^ index)));
        return this;
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override
    public void setSeed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public int nextInt(int n) {
        return random.nextInt(n);
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    /** Uniform in [min, max]. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** Exponential with mean 1. */
    public double exponential() {
        return -Math.log(1 - random.nextDouble());
    }

    /** An index drawn with probability proportional to {@code weights}. */
    public int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
