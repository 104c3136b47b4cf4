package io.clientbook.platform.schedule;

import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.Arrays;

/** Lets a scheduled tick through only on the instance holding the job's lease. */
@OnOneInstance
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class OnOneInstanceInterceptor {

    private final JobLeases leases;

    OnOneInstanceInterceptor(JobLeases leases) {
        this.leases = leases;
    }

    @AroundInvoke
    Object runIfLeaseHolder(InvocationContext invocation) throws Exception {
        ScheduledExecution execution = Arrays.stream(invocation.getParameters())
                .filter(ScheduledExecution.class::isInstance).map(ScheduledExecution.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(invocation.getMethod()
                        + " is @OnOneInstance but takes no ScheduledExecution"));
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        leases.runOnOneInstance(execution, () -> {
            try {
                result[0] = invocation.proceed();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }
}
