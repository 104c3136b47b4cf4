package io.clientbook.platform.audit;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Records the {@link Audited} action after the resource method returned (a failed action throws instead). */
@Audited("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class AuditedInterceptor {

    private final AuditLog audit;

    AuditedInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    @AroundInvoke
    Object recordAfter(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        Audited audited = invocation.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            audited = invocation.getMethod().getDeclaringClass().getAnnotation(Audited.class);
        }
        String id = pathParameter(invocation, audited.idParameter());
        int status = result instanceof Response response ? response.getStatus() : 200;
        if (id == null && result instanceof Response response && response.getLocation() != null) {
            String created = response.getLocation().getPath(); // a create names its new resource in Location
            id = created.substring(created.lastIndexOf('/') + 1);
        }
        audit.allowed(audited.value(), audited.resourceType().isEmpty() ? null : audited.resourceType(), id, status);
        return result;
    }

    /** The value of the resource method's argument bound to the {@code @PathParam} of that name. */
    private static String pathParameter(InvocationContext invocation, String name) {
        var parameters = invocation.getMethod().getParameters();
        for (int i = 0; i < parameters.length; i++) {
            PathParam path = parameters[i].getAnnotation(PathParam.class);
            if (path != null && path.value().equals(name) && invocation.getParameters()[i] != null) {
                return invocation.getParameters()[i].toString();
            }
        }
        return null;
    }
}
