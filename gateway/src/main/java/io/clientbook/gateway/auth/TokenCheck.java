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

    /** At most this many verified tokens are remembered; when full, the memory is dropped and refills. */
    static final int MAX_REMEMBERED = 10_000;
    /** A verified token is remembered until it expires and for at most this long. */
    static final long LONGEST_MILLIS = 60_000;

    private record Verified(String subject, long untilMillis) {
    }

    private final JWTParser parser;
    private final io.clientbook.gateway.audit.AuditPublisher audit;
    /**
     * Tokens that passed every check, by their exact text (signature included): a frontend sends the same token with
     * every request, and verifying its RSA signature each time cost more CPU than proxying the request. A hit is
     * answered on the event loop without the hop to a worker thread.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

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
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && now < known.untilMillis()) {
            context.put(SUBJECT, known.subject());
            context.next();
            return;
        }
        if (known != null) {
            verified.remove(token, known);
        }
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
            JsonWebToken jwt = verified.result();
            long until = Math.min(jwt.getExpirationTime() * 1000, now + LONGEST_MILLIS);
            if (until > System.currentTimeMillis()) {
                if (this.verified.size() >= MAX_REMEMBERED) {
                    this.verified.clear();
                }
                this.verified.put(token, new Verified(jwt.getSubject(), until));
            }
            context.put(SUBJECT, jwt.getSubject());
            context.next();
        });
    }

    private void unauthenticated(RoutingContext context, String detail) {
        audit.authenticationFailed(context);
        context.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(context, "/problems/unauthenticated", "Unauthenticated", 401, detail);
    }
}
