package io.clientbook.customer.integration;

import io.clientbook.customer.integration.dto.ShopPlatform;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A connected shop; {@code webhookSecret} is sealed (column {@code shop_connection.webhook_secret}). */
@Entity
@Table(name = "shop_connection")
class ShopConnection {

    static final String SECRET_COLUMN = "shop_connection.webhook_secret";

    @Id
    UUID id;
    /** {@code shopify} or {@code woocommerce}. */
    String platform;
    String domain;
    @Column(name = "webhook_secret", nullable = false)
    String webhookSecret;
    String currency;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "created_by")
    String createdBy;
    @Column(name = "disconnected_at")
    Instant disconnectedAt;
    @Version
    int version;

    protected ShopConnection() {
    }

    ShopConnection(ShopPlatform platform, String domain, String sealedSecret, String currency, Instant now, String createdBy) {
        this.id = UUID.randomUUID();
        this.platform = platform.apiName();
        this.domain = domain;
        this.webhookSecret = sealedSecret;
        this.currency = currency;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    ShopPlatform platform() {
        return ShopPlatform.parse(platform);
    }

    /** The source its customers and orders carry: {@code shopify:store-a.myshopify.com}. */
    String source() {
        return platform + ":" + domain;
    }
}
