-- The suite's audit trail: every service's and the gateway's audit.recorded events, kept for admins
-- (GET /api/v1/audit-events). The row id is the event id, so a redelivered event is stored once.
create table audit_event (
    id            uuid primary key,
    service       varchar(60)  not null,
    actor         varchar(200) not null,
    roles         text[]       not null default '{}',
    action        varchar(100) not null,
    outcome       varchar(20)  not null,
    resource_type varchar(60),
    resource_id   varchar(200),
    method        varchar(10),
    path          varchar(500),
    status        integer      not null,
    request_id    varchar(128),
    source_ip     varchar(64),
    at            timestamptz  not null,
    received_at   timestamptz  not null default now()
);
create index audit_event_at on audit_event (at desc, id desc);
create index audit_event_actor on audit_event (actor, at desc);
create index audit_event_action on audit_event (action, at desc);
create index audit_event_resource on audit_event (resource_id, at desc) where resource_id is not null;
