package io.clientbook.customer.integration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The signature Shopify ({@code X-Shopify-Hmac-Sha256}) and WooCommerce ({@code X-WC-Webhook-Signature}) both
 * send: base64 of HMAC-SHA256 over the raw body bytes with the shop's secret. Compared in constant time.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code given} is the body's signature; a missing or malformed one is not. */
    static boolean verify(byte[] secret, byte[] body, String given) {
        if (given == null || given.isBlank()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(given.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(sign(secret, body));
        return MessageDigest.isEqual(expected, claimed);
    }
}
