-- Platform tables every service has (see platform/README.md). Service migrations start at V100;
-- platform migrations stay below it and are applied out of order when a later release adds one.

-- Transactional outbox. Column names follow Debezium's outbox event router (id, aggregatetype,
-- aggregateid, type, payload) so the relay can be swapped for Debezium CDC without a migration.
create table outbox (
    seq            bigint generated always as identity,
    id             uuid primary key,
    aggregatetype  varchar(100) not null,
    aggregateid    varchar(100) not null,
    type           varchar(200) not null,
    version        integer      not null default 1,
    payload        jsonb        not null,
    occurred_at    timestamptz  not null default now(),
    published_at   timestamptz
);
create unique index outbox_seq on outbox (seq);
create index outbox_unpublished on outbox (seq) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Inbox: ids of the events a consumer has already applied, written in the same transaction as the effect.
create table inbox (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(200),
    received_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
create index inbox_received_at on inbox (received_at);
