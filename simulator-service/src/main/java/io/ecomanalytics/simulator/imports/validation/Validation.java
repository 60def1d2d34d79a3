package io.ecomanalytics.simulator.imports.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rules applied in order; the first that fails decides the row's rejection, so each rejected row counts once. */
public final class Validation<R> {
    private final List<Rule<R>> rules = new ArrayList<>();

    @SafeVarargs
    public static <R> Validation<R> of(Rule<R>... rules) {
        Validation<R> v = new Validation<>();
        v.rules.addAll(List.of(rules));
        return v;
    }

    public Validation<R> then(Rule<R> rule) {
        rules.add(rule);
        return this;
    }

    public Optional<Failure> firstFailure(R row, RuleContext context) {
        for (Rule<R> rule : rules) {
            Optional<String> reason = rule.check(row, context);
            if (reason.isPresent()) {
                return Optional.of(new Failure(rule.name(), reason.get()));
            }
        }
        return Optional.empty();
    }

    public record Failure(String rule, String reason) {
    }
}
