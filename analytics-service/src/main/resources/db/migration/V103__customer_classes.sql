-- Each customer's classes (docs/analytics.md, "Classes"): RFM scores and segment, ABC class, value tier and
-- lifecycle stage. Rule descriptions are derived from these values and the configured tables when read.
create table customer_class (
    customer_id      uuid primary key,
    recency_score    smallint,
    frequency_score  smallint,
    monetary_score   smallint,
    segment          varchar(40),
    abc_class        varchar(1),
    monetary_level   varchar(6),
    frequency_level  varchar(6),
    computed_tier    varchar(40),
    -- the tier on the customer's record: computed_tier, or the one pinned by hand
    tier             varchar(40),
    tier_pinned      boolean     not null default false,
    lifecycle_stage  varchar(20) not null,
    stage_since      timestamptz not null,
    classified_at    timestamptz not null
);
create index customer_class_segment on customer_class (segment);
create index customer_class_tier on customer_class (tier);

-- What scores are measured against between full rescorings (quintile cut points, ABC floors).
create table class_basis (
    id              bigint generated always as identity primary key,
    computed_at     timestamptz      not null,
    as_of           date             not null,
    population      bigint           not null,
    recency_cuts    integer[]        not null,
    frequency_cuts  integer[]        not null,
    monetary_cuts   double precision[] not null,
    abc_a_floor     double precision,
    abc_b_floor     double precision
);

-- Every change of a customer's segment, tier, stage or ABC class: histories and movements in the reports.
create table class_change (
    id           bigint generated always as identity primary key,
    customer_id  uuid        not null,
    kind         varchar(10) not null,
    previous     varchar(40),
    value        varchar(40),
    changed_at   timestamptz not null
);
create index class_change_customer on class_change (customer_id, changed_at);
create index class_change_kind on class_change (kind, changed_at);
-- a class as of a day for everyone (tier at the start and end of a year): the latest change per customer before it
create index class_change_latest on class_change (kind, customer_id, changed_at desc) include (value);

-- Full rescoring jobs (POST /analytics/rescoring-jobs, nightly). At most one is queued or running at a time.
create table rescoring_job (
    id            uuid primary key,
    state         varchar(12) not null,
    refit         boolean     not null,
    trigger       varchar(12) not null,
    processed     bigint      not null default 0,
    total         bigint      not null default 0,
    requested_by  varchar(100),
    created_at    timestamptz not null,
    started_at    timestamptz,
    heartbeat_at  timestamptz,
    completed_at  timestamptz,
    failure       text
);
create unique index rescoring_job_one_active on rescoring_job ((true)) where state in ('queued', 'running');
create index rescoring_job_created on rescoring_job (created_at desc);
