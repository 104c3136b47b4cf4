-- What analytics knows of each customer, built only from events (rebuildable by replaying the topics).
create table customer_projection (
    customer_id        uuid primary key,
    owner_id           varchar(100),
    customer_since     timestamptz not null,
    purchase_count     integer       not null default 0,
    total_spent        numeric(19,4) not null default 0,
    first_purchase_at  timestamptz,
    last_purchase_at   timestamptz,
    events_applied     integer       not null default 0,
    updated_at         timestamptz   not null
);
