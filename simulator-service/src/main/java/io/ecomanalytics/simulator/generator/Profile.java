package io.ecomanalytics.simulator.generator;

import java.util.Arrays;
import java.util.Optional;

/** A calibrated store: how its customers buy. */
public enum Profile {
    DEFAULT("default", SimulationConstants.DEFAULT_BEHAVIOUR), OLIST_LIKE("olist-like",
            SimulationConstants.OLIST_LIKE_BEHAVIOUR);

    /** The accepted names, for validation messages. */
    public static final String PATTERN = "default|olist-like";

    private final String code;
    private final SimulationConstants.Behaviour behaviour;

    Profile(String code, SimulationConstants.Behaviour behaviour) {
        this.code = code;
        this.behaviour = behaviour;
    }

    public String code() {
        return code;
    }

    public SimulationConstants.Behaviour behaviour() {
        return behaviour;
    }

    public static Optional<Profile> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
