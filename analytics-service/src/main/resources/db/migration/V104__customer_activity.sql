-- What analytics knows of the relationship, from interaction-service's events (no content, only facts):
-- interactions per channel, tickets opened and resolved, SLA breaches, survey answers. Feeds the annual customer
-- report and the satisfaction trend; rebuildable by replaying clientbook.interactions.
create table customer_activity (
    kind         varchar(20) not null, -- interaction, ticket-opened, ticket-resolved, sla-breached, survey
    id           uuid        not null, -- the interaction, ticket or survey response
    detail       varchar(40) not null, -- channel, ticket type, SLA target (first-response, resolution), survey kind
    customer_id  uuid        not null,
    score        integer,              -- a survey's answer
    breached     boolean,              -- a ticket resolved after its resolution due time
    at           timestamptz not null,
    primary key (kind, id, detail)
);
create index customer_activity_customer on customer_activity (customer_id, at);
create index customer_activity_kind_at on customer_activity (kind, at);
