-- One timeline per customer: interactions, follow-ups, tickets, survey responses and key customer events.
create table timeline_entry (
    id               uuid primary key,
    customer_id      uuid         not null,
    kind             varchar(40)  not null,
    type             varchar(100) not null,
    occurred_at      timestamptz  not null,
    summary          varchar(500),
    source_event_id  uuid unique
);
create index timeline_entry_customer_time on timeline_entry (customer_id, occurred_at desc, id desc);
