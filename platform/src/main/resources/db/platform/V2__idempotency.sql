-- Idempotency-Key records: one per caller and key, kept 24 h (see docs/api-guide.md).
create table idempotency_record (
    scope          varchar(200) not null,
    idem_key       varchar(200) not null,
    request_hash   varchar(64)  not null,
    state          varchar(10)  not null,
    status         integer,
    content_type   varchar(100),
    location       varchar(1000),
    etag           varchar(100),
    body           bytea,
    created_at     timestamptz  not null default now(),
    primary key (scope, idem_key)
);
create index idempotency_record_created_at on idempotency_record (created_at);
