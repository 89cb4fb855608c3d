package org.hospital.platform.sides;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Enables a side's configuration when {@code hospital.sides} names it (a comma-separated list of {@code command},
 * {@code query}, {@code alerting}, or {@code all}, the default). One jar can thus run everything in one JVM or a
 * single side as its own process.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSideCondition.class)
public @interface ConditionalOnSide {

    Side value();
}
