-- Annual customer plans, and the orders their revenue progress is counted from (from order events).
create table customer_order (
    order_id     uuid primary key,
    customer_id  uuid           not null,
    placed_at    timestamptz    not null,
    status       varchar(20)    not null,
    currency     varchar(3)     not null,
    total        numeric(19, 4) not null
);
create index customer_order_customer on customer_order (customer_id, placed_at);

create table customer_plan (
    customer_id  uuid          not null,
    year         integer       not null,
    owner_id     varchar(100),
    goals        jsonb         not null,
    touches      jsonb         not null default '[]',
    notes        varchar(4000),
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    primary key (customer_id, year)
);
