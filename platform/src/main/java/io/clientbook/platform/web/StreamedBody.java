package io.clientbook.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method whose body is streamed (an import file of any size): {@link IdempotencyFilter} leaves it
 * alone, since it would have to read the whole body to hash it. Such a method honours {@code Idempotency-Key} itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedBody {
}
