package io.ecomanalytics.analytics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * The tests' way of writing data: a read-write datasource (the service's own is read-only) whose connections refresh the sales
 * mart right after they are closed, as the service's writers do after their transactions ({@link WriterDataSource}).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Writer {
}
