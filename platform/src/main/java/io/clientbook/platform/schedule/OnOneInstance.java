package io.clientbook.platform.schedule;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @Scheduled} method that takes a {@link io.quarkus.scheduler.ScheduledExecution}: the tick runs on
 * the one instance of the service that holds the job's lease and is skipped on the others (see
 * {@link JobLeases}). Give the {@code @Scheduled} an {@code identity}: it names the job.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OnOneInstance {
}
