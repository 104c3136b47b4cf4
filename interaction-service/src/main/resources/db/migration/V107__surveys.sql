-- Satisfaction surveys (NPS, CSAT) and their responses, with the customer's tier and segment when answered.
create table survey (
    id          uuid primary key,
    name        varchar(100) not null,
    kind        varchar(10)  not null,  -- NPS (0-10) or CSAT (1-5)
    questions   jsonb        not null default '[]',
    version     bigint       not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index survey_name on survey (lower(name));

create table survey_response (
    id            uuid primary key,
    survey_id     uuid          not null references survey (id),
    customer_id   uuid          not null,
    score         integer       not null,
    comment       varchar(4000),
    ticket_id     uuid,
    order_id      uuid,
    channel       varchar(20),   -- the ticket's channel, or as reported
    tier          varchar(60),   -- the customer's tier and segment when they answered
    segment       varchar(60),
    detractor     boolean       not null,
    follow_up_id  uuid,          -- the work a detractor opened
    opened_ticket_id uuid,
    responded_at  timestamptz   not null,
    created_at    timestamptz   not null
);
create index survey_response_time on survey_response (responded_at);
create index survey_response_customer on survey_response (customer_id);

-- The seed surveys and the invitations the care policy sends (message.requested; a survey tool renders them).
insert into survey (id, name, kind, questions, version, created_at, updated_at) values
('5e7e0000-0001-4000-8000-000000000001', 'Ticket satisfaction', 'CSAT', '["How satisfied are you with how we handled your request?"]', 0, now(), now()),
('5e7e0000-0002-4000-8000-000000000002', 'Customer NPS', 'NPS', '["How likely are you to recommend us to a friend or colleague?"]', 0, now(), now());

insert into follow_up_rule (id, name, description, enabled, trigger, condition, delay_days, action, version, created_at, updated_at) values
('7c1e0a52-0009-4c6e-9a10-5e1b2c3d4e09', 'Satisfaction survey after a ticket', 'A CSAT invitation when a ticket is resolved', true,
 '{"type": "event", "event": "ticket.resolved"}', '{}', 0,
 '{"kind": "message", "channel": "email", "templateKey": "csat-survey", "purpose": "service",
   "variables": {"surveyId": "5e7e0000-0001-4000-8000-000000000001"}}', 0, now(), now()),
('7c1e0a52-0010-4c6e-9a10-5e1b2c3d4e10', 'NPS survey after a purchase', 'An NPS invitation 30 days after a purchase', true,
 '{"type": "event", "event": "order.recorded"}', '{}', 30,
 '{"kind": "message", "channel": "email", "templateKey": "nps-survey", "purpose": "marketing",
   "variables": {"surveyId": "5e7e0000-0002-4000-8000-000000000002"}}', 0, now(), now());
