package io.ecomanalytics.analytics.anomaly;

import java.util.List;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo's one-class ν-SVM (LIBSVM, Schölkopf et al. 2001) with an RBF kernel on standardised features; γ = 1 / features
 * (scikit-learn's "scale" for unit-variance inputs). The anomaly score is minus the decision value: positive outside the
 * learned boundary.
 */
public final class OneClassSvm implements AnomalyDetector {
    private static final String[] FEATURE_NAMES = OrderFeatures.NAMES.toArray(String[]::new);

    private final Model<Event> model;

    private OneClassSvm(Model<Event> model) {
        this.model = model;
    }

    public static OneClassSvm train(List<double[]> standardised, double nu, long seed) {
        AnomalyFactory factory = new AnomalyFactory();
        List<org.tribuo.Example<Event>> examples = standardised
                .stream().<org.tribuo.Example<Event>>map(
                        z -> new ArrayExample<>(AnomalyFactory.EXPECTED_EVENT, FEATURE_NAMES, z))
                .toList();
        MutableDataset<Event> dataset = new MutableDataset<>(
                new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("order sample", factory)));
        SVMParameters<Event> parameters = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS),
                KernelType.RBF);
        parameters.setNu(nu);
        parameters.setGamma(1.0 / FEATURE_NAMES.length);
        return new OneClassSvm(new LibSVMAnomalyTrainer(parameters, seed).train(dataset));
    }

    @Override
    public double score(double[] features) {
        return -model.predict(new ArrayExample<>(AnomalyFactory.UNKNOWN_EVENT, FEATURE_NAMES, features)).getOutput()
                .getScore();
    }
}
