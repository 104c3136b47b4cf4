-- interaction-service II (first part): service tickets with SLA clocks.

-- Working time for business-hours SLA targets: weekly hours in a time zone, minus holidays.
create table business_calendar (
    id            uuid primary key,
    name          varchar(100) not null,
    time_zone     varchar(60)  not null,
    working_hours jsonb        not null,  -- {"monday": [{"from": "09:00", "to": "17:00"}], ...}
    holidays      jsonb        not null default '[]',  -- ["2026-12-25", ...]
    version       bigint       not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create unique index business_calendar_name on business_calendar (lower(name));

-- SLA targets as data; the first enabled policy by rank whose condition matches a ticket applies.
create table sla_policy (
    id                      uuid primary key,
    name                    varchar(100) not null,
    rank                    integer      not null,
    enabled                 boolean      not null,
    condition               jsonb        not null default '{}',  -- {"types": [...], "priorities": [...], "tiers": [...]}
    first_response_minutes  integer      not null,
    resolution_minutes      integer      not null,
    calendar_id             uuid references business_calendar (id),  -- null: calendar hours
    version                 bigint       not null,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null
);
create unique index sla_policy_name on sla_policy (lower(name));

create table ticket (
    id                        uuid primary key,
    customer_id               uuid          not null,
    type                      varchar(20)   not null,
    priority                  varchar(10)   not null,
    channel                   varchar(20),
    subject                   varchar(200)  not null,
    description               varchar(10000),
    status                    varchar(10)   not null,
    assignee_id               varchar(100),
    team_id                   uuid,
    sla_policy_id             uuid,
    first_response_due_at     timestamptz,
    resolution_due_at         timestamptz,
    first_responded_at        timestamptz,
    first_response_breached   boolean       not null default false,
    resolution_breached       boolean       not null default false,
    paused_since              timestamptz,  -- pending on the customer: the resolution clock stands still
    remaining_minutes         bigint,       -- resolution minutes (working minutes for a calendar) left when paused
    escalated_to              varchar(100),
    created_by                varchar(100),
    version                   bigint        not null,
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    resolved_at               timestamptz,
    closed_at                 timestamptz
);
create index ticket_customer on ticket (customer_id, created_at desc);
create index ticket_assignee on ticket (assignee_id, status);
create index ticket_team on ticket (team_id, status);
create index ticket_breached on ticket (created_at) where first_response_breached or resolution_breached;

create table ticket_comment (
    id          uuid primary key,
    ticket_id   uuid          not null references ticket (id) on delete cascade,
    author_id   varchar(100),
    body        varchar(10000),
    public      boolean       not null,
    created_at  timestamptz   not null
);
create index ticket_comment_ticket on ticket_comment (ticket_id, created_at);

-- The next moments the SLA watch must act on: only due timers are read, so a pass costs what is due, not
-- what is open. kind: first-response-warning, first-response-breach, resolution-warning, resolution-breach.
create table sla_timer (
    ticket_id  uuid         not null references ticket (id) on delete cascade,
    kind       varchar(30)  not null,
    due_at     timestamptz  not null,
    primary key (ticket_id, kind)
);
create index sla_timer_due on sla_timer (due_at);

-- The seed policy, in calendar hours: first response within 1 h; problems resolved within 24 h, complaints
-- within 48 h, inquiries and suggestions within 72 h; VIP customers twice as fast.
insert into sla_policy (id, name, rank, enabled, condition, first_response_minutes, resolution_minutes, version, created_at, updated_at) values
('5a1a0000-0001-4000-8000-000000000001', 'VIP complaint', 10, true, '{"types": ["complaint"], "tiers": ["vip"]}', 30, 1440, 0, now(), now()),
('5a1a0000-0002-4000-8000-000000000002', 'VIP problem', 20, true, '{"types": ["problem"], "tiers": ["vip"]}', 30, 720, 0, now(), now()),
('5a1a0000-0003-4000-8000-000000000003', 'VIP other', 30, true, '{"tiers": ["vip"]}', 30, 2160, 0, now(), now()),
('5a1a0000-0004-4000-8000-000000000004', 'Complaint', 100, true, '{"types": ["complaint"]}', 60, 2880, 0, now(), now()),
('5a1a0000-0005-4000-8000-000000000005', 'Problem', 110, true, '{"types": ["problem"]}', 60, 1440, 0, now(), now()),
('5a1a0000-0006-4000-8000-000000000006', 'Inquiry and suggestion', 120, true, '{}', 60, 4320, 0, now(), now());
