-- Outgoing webhooks (docs/integrations.md): who wants which Clientbook events, the secrets their deliveries are
-- signed with, and every delivery with its attempts.
create table webhook_subscription (
    id                    uuid primary key,
    url                   varchar(2000) not null,
    event_types           text[]        not null,
    changed_fields        text[],
    description           varchar(500),
    allow_private_network boolean       not null default false,
    active                boolean       not null default true,
    created_at            timestamptz   not null,
    created_by            varchar(200)  not null,
    deleted_at            timestamptz,
    version               integer       not null default 0
);

-- Signing secrets, sealed (column webhook_secret.secret); every secret not yet expired signs each delivery.
create table webhook_secret (
    id              uuid primary key,
    subscription_id uuid        not null references webhook_subscription (id),
    secret          text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz
);
create index webhook_secret_subscription on webhook_secret (subscription_id);

-- One row per event per subscription. seq orders a subscription's deliveries of one ordering key (the customer):
-- only the oldest undelivered one of a key is sent, so a customer's events arrive in the order they happened.
create table webhook_send (
    id              uuid primary key,
    seq             bigserial    not null,
    subscription_id uuid         not null references webhook_subscription (id),
    event_id        uuid         not null,
    event_type      varchar(100) not null,
    ordering_key    varchar(200) not null,
    payload         text         not null,
    created_at      timestamptz  not null,
    status          varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    lease_until     timestamptz,
    last_status     integer,
    last_error      varchar(500),
    delivered_at    timestamptz
);
create unique index webhook_send_once on webhook_send (subscription_id, event_id);
create index webhook_send_head on webhook_send (subscription_id, ordering_key, seq) where status in ('pending', 'sending');
create index webhook_send_due on webhook_send (next_attempt_at) where status in ('pending', 'sending');
create index webhook_send_log on webhook_send (subscription_id, created_at desc, id desc);
