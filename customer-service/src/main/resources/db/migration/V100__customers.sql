-- Customer records. Contact details live in jsonb documents for now; customer-service I adds the full profile.
create table customer (
    id            uuid primary key,
    display_name  varchar(200) not null,
    emails        jsonb        not null default '[]'::jsonb,
    owner_id      varchar(100),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    version       bigint       not null default 0
);
create index customer_owner on customer (owner_id);
