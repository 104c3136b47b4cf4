-- Shop connections and the webhook deliveries they send (docs/integrations.md).

-- A shop connected by an admin or integrator. The webhook secret is sealed like personal data (PiiCipher,
-- column shop_connection.webhook_secret) and never returned.
create table shop_connection (
    id             uuid primary key,
    platform       varchar(20)  not null,
    domain         varchar(255) not null,
    webhook_secret text         not null,
    currency       varchar(3),
    created_at     timestamptz  not null,
    created_by     varchar(200),
    disconnected_at timestamptz,
    version        integer      not null default 0
);
-- one live connection per shop; a disconnected shop may be connected again
create unique index shop_connection_live on shop_connection (platform, domain) where disconnected_at is null;

-- Every verified delivery, stored as received before it is answered; the row is the durable intake.
-- delivery_key is the shop's own id of the delivery (X-Shopify-Event-Id / X-Shopify-Webhook-Id /
-- X-WC-Webhook-Delivery-ID): the same key twice is one delivery. The raw body holds personal data and is sealed
-- (column webhook_delivery.body); it is dropped once the delivery is processed and the retention has passed.
create table webhook_delivery (
    id              uuid primary key,
    connection_id   uuid         not null references shop_connection (id),
    platform        varchar(20)  not null,
    topic           varchar(100) not null,
    delivery_key    varchar(200) not null,
    body            text,
    headers         jsonb        not null default '{}',
    received_at     timestamptz  not null,
    status          varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      varchar(1000),
    processed_at    timestamptz,
    object_kind     varchar(20),
    object_id       varchar(200),
    outcome         varchar(200)
);
create unique index webhook_delivery_once on webhook_delivery (connection_id, delivery_key);
-- what the processor claims next: pending deliveries whose time has come, oldest first
create index webhook_delivery_due on webhook_delivery (next_attempt_at, received_at) where status = 'pending';
create index webhook_delivery_status on webhook_delivery (status, received_at desc, id desc);

-- The newest shop update applied per shop object (customer, order): a delivery older than this changes nothing.
-- Its row lock also serialises two deliveries of the same object processed at once.
create table shop_object_version (
    connection_id uuid         not null references shop_connection (id),
    object_kind   varchar(20)  not null,
    object_id     varchar(200) not null,
    updated_at    timestamptz  not null,
    primary key (connection_id, object_kind, object_id)
);

-- Refunds seen per shop order, so an order becomes refunded when its refunds reach its total.
create table shop_refund (
    connection_id uuid          not null references shop_connection (id),
    refund_id     varchar(200)  not null,
    order_id      varchar(200)  not null,
    amount        numeric(19, 4) not null,
    primary key (connection_id, refund_id)
);
