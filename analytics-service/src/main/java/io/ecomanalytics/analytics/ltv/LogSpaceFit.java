package io.ecomanalytics.analytics.ltv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximum likelihood over positive parameters, searched in log space (so every step stays positive) with Powell's BOBYQA,
 * bounded to e^±10: a flat likelihood cannot run a parameter off to 0 or infinity.
 */
final class LogSpaceFit {
    private static final double BOUND = 10;
    private static final int MAX_EVALUATIONS = 10_000;

    private LogSpaceFit() {
    }

    /** The parameters maximising {@code logLikelihood}, starting from {@code start} (all positive). */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        int n = start.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, -BOUND);
        Arrays.fill(upper, BOUND);
        double[] logStart = Arrays.stream(start).map(Math::log).toArray();
        double[] best = new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-8).optimize(new MaxEval(MAX_EVALUATIONS),
                GoalType.MAXIMIZE, new InitialGuess(logStart), new SimpleBounds(lower, upper),
                new ObjectiveFunction(logs -> {
                    double value = logLikelihood.applyAsDouble(Arrays.stream(logs).map(Math::exp).toArray());
                    // a non-finite likelihood is a region to leave, not a result
                    return Double.isFinite(value) ? value : -1e300;
                })).getPoint();
        return Arrays.stream(best).map(Math::exp).toArray();
    }
}
