package io.clientbook.gateway.auth;

import io.clientbook.gateway.web.Problems;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Lets through only requests with a valid bearer token (signature, issuer, audience, expiry, not-before,
 * all as configured under {@code mp.jwt.verify}); anything else gets a 401 problem. The token is forwarded
 * unchanged, and every service verifies it again and enforces roles itself.
 */
@ApplicationScoped
public class TokenCheck {

    private static final Logger LOG = Logger.getLogger(TokenCheck.class);
    public static final String SUBJECT = "subject";

    private final JWTParser parser;
    private final io.clientbook.gateway.audit.AuditPublisher audit;

    TokenCheck(JWTParser parser, io.clientbook.gateway.audit.AuditPublisher audit) {
        this.parser = parser;
        this.audit = audit;
    }

    public void handle(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthenticated(context, "A bearer token is required");
            return;
        }
        String token = header.substring(7).trim();
        // Verification may fetch keys (JWKS), so it runs off the event loop; the body waits meanwhile.
        context.request().pause();
        context.vertx().<JsonWebToken>executeBlocking(() -> parser.parse(token), false).onComplete(verified -> {
            if (verified.failed()) {
                if (!(verified.cause() instanceof ParseException)) {
                    LOG.warnf("Token verification failed unexpectedly: %s", verified.cause().getClass().getSimpleName());
                }
                unauthenticated(context, "The bearer token is not valid");
                return;
            }
            context.put(SUBJECT, verified.result().getSubject());
            context.next();
        });
    }

    private void unauthenticated(RoutingContext context, String detail) {
        audit.authenticationFailed(context);
        context.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(context, "/problems/unauthenticated", "Unauthenticated", 401, detail);
    }
}
