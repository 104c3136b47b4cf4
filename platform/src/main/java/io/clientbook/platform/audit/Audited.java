package io.clientbook.platform.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource method: once it returns, an {@code audit.recorded} event says who did {@link #value()}
 * to which resource (the {@code resource} path parameter's value, if the path has one).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** The action, such as {@code customer.exported} or {@code follow-up-rule.changed}. */
    @Nonbinding
    String value();

    /** What the action touches, such as {@code customer}. */
    @Nonbinding
    String resourceType() default "";

    /** The path parameter that names the resource. */
    @Nonbinding
    String idParameter() default "id";
}
