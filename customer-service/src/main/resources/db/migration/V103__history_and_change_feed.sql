-- Field history: who changed which fields of a customer, when, old -> new, through which channel.
-- Kept as long as the customer is (erasure anonymises it); read newest first per customer.
create sequence customer_history_seq increment by 50;
create table customer_history (
    id           bigint       primary key,
    customer_id  uuid         not null,
    version      bigint       not null,
    kind         varchar(20)  not null,            -- created | updated | archived | merged | unmerged
    changed_at   timestamptz  not null,
    actor        varchar(100),                     -- the token's sub; null for the system
    channel      varchar(20)  not null,            -- api | sync | analytics | merge
    changes      jsonb        not null default '[]'::jsonb
);
create index customer_history_by_customer on customer_history (customer_id, version desc, id desc);

-- Change feed: every customer and order change in commit order, for integrators to resume exactly where
-- they stopped. Rows are read only once every transaction with a smaller id has ended (see ChangeFeed), so
-- a reader never skips a row that commits late. Retained for a configured period.
create sequence change_feed_seq increment by 50;
create table change_feed (
    seq            bigint       primary key,
    tx_id          xid8         not null default pg_current_xact_id(),
    entity         varchar(20)  not null,          -- customer | order
    entity_id      uuid         not null,
    customer_id    uuid         not null,
    type           varchar(60)  not null,          -- the event type: customer.updated, order.recorded, ...
    version        bigint       not null,
    changed_fields text[],
    occurred_at    timestamptz  not null
);
create index change_feed_position on change_feed (tx_id, seq);
create index change_feed_occurred_at on change_feed (occurred_at);
