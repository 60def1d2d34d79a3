package io.ecomanalytics.simulator.imports.validation;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One named check of a row: empty when the row passes, else the reason it is refused. Rules are small and composed into a
 * {@link Validation}; the name is what the import report counts rejections by.
 */
public interface Rule<R> {
    String name();

    Optional<String> check(R row, RuleContext context);

    static <R> Rule<R> of(String name, BiFunction<R, RuleContext, Optional<String>> check) {
        return new Rule<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> check(R row, RuleContext context) {
                return check.apply(row, context);
            }
        };
    }
}
