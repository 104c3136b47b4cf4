-- Scheduled jobs run on one instance of a service at a time: the instance holding a job's lease runs it,
-- the others skip their tick. A lease lapses when its holder stops renewing it (crash) and is released on
-- a graceful shutdown, so another instance takes over.
create table job_lease (
    job         varchar(100) primary key,
    holder      varchar(200) not null,
    acquired_at timestamptz  not null default now(),
    expires_at  timestamptz  not null
);

-- The W3C trace context of the request that wrote an event, carried to Kafka as the traceparent header.
alter table outbox add column traceparent varchar(55);
