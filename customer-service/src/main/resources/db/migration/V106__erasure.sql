-- Erasure: the customer row stays (anonymised) so that its orders keep a customer for accounting.
alter table customer add column erased_at timestamptz;

-- One request per erasure, and each service's state until every one has confirmed.
create table erasure_request (
    id            uuid         primary key,
    customer_id   uuid         not null references customer (id),
    status        varchar(20)  not null,          -- pending | completed
    requested_at  timestamptz  not null,
    requested_by  varchar(100),
    completed_at  timestamptz
);
create unique index erasure_request_customer on erasure_request (customer_id);
create table erasure_request_service (
    request_id  uuid         not null references erasure_request (id),
    service     varchar(60)  not null,
    status      varchar(20)  not null,             -- pending | completed
    primary key (request_id, service)
);
