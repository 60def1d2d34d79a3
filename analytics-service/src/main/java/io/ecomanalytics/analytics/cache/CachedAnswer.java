package io.ecomanalytics.analytics.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation whose JSON answer is expensive to compute (models fitted, every order scored): {@link HttpCaching} keeps
 * it in Redis, shared by every replica, under the data version and the canonical request. Files (CSV, Excel, PDF) are always
 * computed: a whole list can be hundreds of megabytes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CachedAnswer {
}
