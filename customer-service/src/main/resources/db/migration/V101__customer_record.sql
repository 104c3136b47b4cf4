-- The full customer record (customer-service I): profile, contacts, preferences, attributes, consents,
-- external ids, tier and lifecycle stage; archive instead of delete; search and lookup indexes.
create extension if not exists pg_trgm;

alter table customer
    add column kind               varchar(10)  not null default 'person',
    add column given_name         varchar(100),
    add column family_name        varchar(100),
    add column company_name       varchar(200),
    add column industry           varchar(100),
    add column company_size       varchar(20),
    add column company_id         uuid references customer (id),
    add column phones             jsonb        not null default '[]'::jsonb,
    add column addresses          jsonb        not null default '[]'::jsonb,
    add column birthday           date,
    add column gender             varchar(30),
    add column language           varchar(35),
    add column time_zone          varchar(60),
    add column occupation         varchar(100),
    add column preferences        jsonb,
    add column tags               text[]       not null default '{}',
    add column custom_attributes  jsonb        not null default '{}'::jsonb,
    add column acquisition_source varchar(100),
    add column external_ids       jsonb        not null default '[]'::jsonb,
    add column consents           jsonb        not null default '[]'::jsonb,
    add column tier               varchar(30),
    add column tier_pinned        boolean      not null default false,
    add column lifecycle_stage    varchar(20),
    add column membership_level   varchar(50),
    add column source_updated_at  timestamptz,
    add column archived_at        timestamptz,
    add column search_text        text         not null default '';

-- Search: names and company by word prefix and by trigram similarity (small typos)
create index customer_search_text on customer using gin (search_text gin_trgm_ops);
-- Exact lookups after normalisation: e-mail (lower case) and phone (E.164) inside the jsonb lists
create index customer_emails on customer using gin (emails jsonb_path_ops);
create index customer_phones on customer using gin (phones jsonb_path_ops);
create index customer_tags on customer using gin (tags);
create index customer_attributes on customer using gin (custom_attributes jsonb_path_ops);
create index customer_company on customer (company_id) where company_id is not null;
-- Sort orders, each with the id to break ties for cursors
create index customer_by_display_name on customer (display_name, id);
create index customer_by_created_at on customer (created_at, id);
create index customer_by_updated_at on customer (updated_at, id);
create index customer_by_tier on customer (tier, id) where tier is not null;
create index customer_by_lifecycle on customer (lifecycle_stage, id) where lifecycle_stage is not null;

-- One customer per (source, external id): the upsert key of integrators
create table customer_external_id (
    source       varchar(200) not null,
    external_id  varchar(200) not null,
    customer_id  uuid         not null references customer (id),
    primary key (source, external_id)
);
create index customer_external_id_customer on customer_external_id (customer_id);

-- Purchase history
create table customer_order (
    id              uuid primary key,
    source          varchar(200)  not null,
    external_id     varchar(200)  not null,
    customer_id     uuid          not null references customer (id),
    placed_at       timestamptz   not null,
    status          varchar(20)   not null,
    currency        char(3)       not null,
    total           numeric(19,4) not null check (total >= 0),
    discount_total  numeric(19,4) not null default 0 check (discount_total >= 0),
    channel         varchar(20),
    line_items      jsonb         not null default '[]'::jsonb,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    version         bigint        not null default 0,
    unique (source, external_id)
);
create index customer_order_by_customer on customer_order (customer_id, placed_at desc, id desc);
