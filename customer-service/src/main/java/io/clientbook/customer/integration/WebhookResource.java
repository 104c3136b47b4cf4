package io.clientbook.customer.integration;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * Where shops send webhooks (the gateway's root, no token: the signature authenticates). The answer comes as soon
 * as the delivery is stored; processing follows (GET /api/v1/integrations/deliveries shows it).
 */
@Path("/webhooks")
@Tag(name = "Integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@PermitAll
public class WebhookResource {

    static final int MAX_BODY = 5 * 1024 * 1024;

    private final WebhookIntake intake;
    private final DeliveryProcessor processor;

    WebhookResource(WebhookIntake intake, DeliveryProcessor processor) {
        this.intake = intake;
        this.processor = processor;
    }

    @POST
    @Path("/shopify")
    @Operation(summary = "Shopify webhook intake", description = """
            Signed with X-Shopify-Hmac-Sha256 over the raw body with the shop's secret; the shop is found by
            X-Shopify-Shop-Domain. 200 once stored (also for a delivery already stored: X-Shopify-Event-Id, else
            X-Shopify-Webhook-Id); 401 for an unknown shop or a bad or missing signature, nothing stored.""")
    @APIResponse(responseCode = "200", description = "Stored, or stored before")
    @APIResponse(responseCode = "401", description = "Unknown shop or bad signature")
    public Response shopify(java.io.InputStream body, @Context HttpHeaders headers) throws java.io.IOException {
        boolean stored = intake.shopify(bounded(body), headers);
        processor.wake();
        return Response.ok(Map.of("status", stored ? "accepted" : "duplicate")).build();
    }

    @POST
    @Path("/woocommerce")
    @Operation(summary = "WooCommerce webhook intake", description = """
            Signed with X-WC-Webhook-Signature over the raw body with the webhook's secret; the shop is found by the host
            of X-WC-Webhook-Source. The unsigned ping WooCommerce sends when a webhook is saved (webhook_id=N) is answered
            200. Deduplicated on X-WC-Webhook-Delivery-ID.""")
    @APIResponse(responseCode = "200", description = "Stored, stored before, or the ping")
    @APIResponse(responseCode = "401", description = "Unknown shop or bad signature")
    public Response wooCommerce(java.io.InputStream body, @Context HttpHeaders headers) throws java.io.IOException {
        byte[] raw = bounded(body);
        if (intake.isWooCommercePing(raw, headers)) {
            return Response.ok(Map.of("status", "ping")).build();
        }
        boolean stored = intake.wooCommerce(raw, headers);
        processor.wake();
        return Response.ok(Map.of("status", stored ? "accepted" : "duplicate")).build();
    }

    /** The body, up to 5 MiB: a shop's largest order is far below, and nothing larger is held in memory. */
    private static byte[] bounded(java.io.InputStream body) throws java.io.IOException {
        if (body == null) {
            return new byte[0];
        }
        byte[] read = body.readNBytes(MAX_BODY + 1);
        if (read.length > MAX_BODY) {
            throw new io.clientbook.platform.problem.ProblemException(413, "/problems/body-too-large", "Request body too large",
                    "A webhook may carry at most " + MAX_BODY + " bytes", java.util.List.of(), Map.of());
        }
        return read;
    }
}
