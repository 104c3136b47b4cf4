-- Loyalty: one account per customer (balance, lifetime points, level, who referred them) and a ledger of
-- point transactions. Earned points are lots: redemptions use the oldest first, and what is left of a lot
-- when it expires is written off by an expire transaction.
create table loyalty_account (
    customer_id        uuid         primary key references customer (id),
    balance            bigint       not null default 0,
    lifetime_points    bigint       not null default 0,
    level              varchar(50),
    referred_by        uuid         references customer (id),
    referral_rewarded  boolean      not null default false,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0
);
create index loyalty_account_referred_by on loyalty_account (referred_by) where referred_by is not null;

create sequence loyalty_transaction_seq;
create table loyalty_transaction (
    id                   uuid          primary key,
    seq                  bigint        not null default nextval('loyalty_transaction_seq'),
    customer_id          uuid          not null references customer (id),
    type                 varchar(20)   not null,     -- earn | redeem | adjust | expire | reverse | referral
    points               bigint        not null,
    balance_after        bigint        not null,
    order_id             uuid,
    related_customer_id  uuid,
    reason               varchar(500),
    remaining            bigint,                     -- earned lots: points not yet redeemed, reversed or expired
    expires_at           timestamptz,
    created_at           timestamptz   not null,
    created_by           varchar(100)
);
create index loyalty_transaction_ledger on loyalty_transaction (customer_id, seq desc);
create index loyalty_transaction_order on loyalty_transaction (order_id) where order_id is not null;
create index loyalty_transaction_open_lots on loyalty_transaction (customer_id, created_at) where remaining > 0;
create index loyalty_transaction_expiring on loyalty_transaction (expires_at) where remaining > 0;
