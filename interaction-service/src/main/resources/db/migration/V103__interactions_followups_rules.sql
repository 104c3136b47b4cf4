-- interaction-service I: the customer facts a care policy needs, interactions, teams, follow-ups, rules
-- as data, the record of what each rule did for whom, and outbound messages.

-- customer_owner grows into the customer's care profile (from customer.created / customer.updated and
-- analytics' churn-risk events). No contact details: a delivery adapter reads those through the API.
alter table customer_owner rename to customer_profile;
alter table customer_profile
    add column tier              varchar(60),
    add column lifecycle_stage   varchar(40),
    add column churn_level       varchar(10),
    add column birthday          char(5),      -- MM-DD, no year
    add column time_zone         varchar(60),
    add column consents          jsonb not null default '[]',
    add column first_purchase_at timestamptz,
    add column created_at        timestamptz;
create index customer_profile_birthday on customer_profile (birthday) where birthday is not null;
create index customer_profile_tier on customer_profile (tier) where tier is not null;

create table interaction (
    id               uuid primary key,
    customer_id      uuid,                      -- null once the person was erased
    channel          varchar(20)   not null,
    direction        varchar(10)   not null,
    occurred_at      timestamptz   not null,
    duration_seconds integer,
    subject          varchar(200),
    summary          varchar(4000),
    outcome          varchar(200),
    agent_id         varchar(100),
    order_id         uuid,
    ticket_id        uuid,
    created_by       varchar(100),
    created_at       timestamptz   not null,
    anonymised       boolean       not null default false
);
create index interaction_customer on interaction (customer_id, occurred_at desc);

create table team (
    id          uuid primary key,
    name        varchar(100) not null,
    manager_id  varchar(100),
    version     bigint       not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index team_name on team (lower(name));
create table team_member (
    team_id  uuid         not null references team (id) on delete cascade,
    user_id  varchar(100) not null,
    primary key (team_id, user_id)
);
create index team_member_user on team_member (user_id);

create table follow_up_rule (
    id          uuid primary key,
    name        varchar(100) not null,
    description varchar(500),
    enabled     boolean      not null,
    trigger     jsonb        not null,
    condition   jsonb        not null default '{}',
    delay_days  integer      not null default 0,
    action      jsonb        not null,
    team_id     uuid,
    version     bigint       not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index follow_up_rule_name on follow_up_rule (lower(name));

create table follow_up (
    id                uuid primary key,
    customer_id       uuid          not null,
    type              varchar(20)   not null,
    channel           varchar(20),
    due_at            timestamptz   not null,
    assignee_id       varchar(100),
    team_id           uuid,
    status            varchar(20)   not null,
    rule_id           uuid,
    note              varchar(2000),
    outcome           varchar(500),
    overdue_since     timestamptz,  -- set when followup.overdue was published for the current due time
    escalated_to      varchar(100),
    escalated_at      timestamptz,
    created_by        varchar(100),
    version           bigint        not null,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    completed_at      timestamptz
);
create index follow_up_assignee_agenda on follow_up (assignee_id, due_at, id);
create index follow_up_team_agenda on follow_up (team_id, due_at, id);
create index follow_up_customer on follow_up (customer_id, status);
create index follow_up_open_due on follow_up (due_at) where status in ('OPEN', 'SNOOZED');

-- Each firing of a rule for a customer, keyed by its occurrence (the triggering event's id, "birthday:2026",
-- a cadence period): the primary key is what makes a redelivered event or a restarted scheduler harmless.
create table rule_firing (
    rule_id      uuid         not null,
    customer_id  uuid         not null,
    occurrence   varchar(100) not null,
    fired_at     timestamptz  not null,
    outcome      varchar(40)  not null,  -- created, suppressed-no-consent, skipped-open-task
    follow_up_id uuid,
    message_id   uuid,
    primary key (rule_id, customer_id, occurrence)
);
create index rule_firing_customer on rule_firing (customer_id);

create table outbound_message (
    id            uuid primary key,
    customer_id   uuid         not null,
    channel       varchar(20)  not null,
    template_key  varchar(100) not null,
    purpose       varchar(20)  not null,
    variables     jsonb        not null default '{}',
    rule_id       uuid,
    status        varchar(20)  not null,  -- scheduled, requested, delivered, opened, bounced, unsubscribed
    send_at       timestamptz  not null,
    requested_at  timestamptz,
    outcome_at    timestamptz,
    created_at    timestamptz  not null
);
create index outbound_message_due on outbound_message (send_at) where status = 'scheduled';
create index outbound_message_customer on outbound_message (customer_id);
