-- Orders as the models see them, from order.recorded / order.updated (rebuildable by replaying the topic).
-- Merges and unmerges move rows between customers with the orders they name.
create table purchase (
    order_id     uuid primary key,
    customer_id  uuid          not null,
    placed_at    timestamptz   not null,
    status       varchar(20)   not null,
    currency     varchar(3)    not null,
    total        numeric(19,4) not null,
    -- the total in the reporting currency; null when the order's currency has no configured rate
    amount       numeric(19,4),
    -- false for cancelled and refunded orders: they are no purchase
    counts       boolean       not null,
    updated_at   timestamptz   not null
);
create index purchase_customer on purchase (customer_id, placed_at) where counts;

alter table customer_projection add column external_ids jsonb not null default '[]';
create index customer_projection_first_purchase on customer_projection (customer_id) where first_purchase_at is not null;

-- Model fits with their inputs, versioned per model.
create table model_fit (
    id               uuid primary key,
    model            varchar(20)  not null,
    version          integer      not null,
    calibration_end  date         not null,
    time_unit        varchar(10)  not null,
    state            varchar(12)  not null,
    population       bigint,
    parameters       jsonb,
    log_likelihood   double precision,
    converged        boolean,
    evaluations      integer,
    -- the request, the reporting currency and rates, and a digest of the summaries the fit saw
    inputs           jsonb        not null,
    failure          text,
    requested_by     varchar(100),
    created_at       timestamptz  not null,
    completed_at     timestamptz,
    unique (model, version)
);
create index model_fit_latest on model_fit (model, calibration_end, time_unit, version desc) where state = 'completed';

-- Each customer's current scores, from the latest fits as of the time of scoring.
create table customer_score (
    customer_id             uuid primary key,
    scored_at               timestamptz      not null,
    repeat_purchases        integer          not null,
    recency_days            integer          not null,
    age_days                integer          not null,
    days_since_last         integer          not null,
    p_alive                 double precision not null,
    horizon_days            integer          not null,
    expected_purchases      double precision not null,
    expected_average_spend  double precision,
    clv                     double precision,
    clv_band                varchar(10),
    churn_risk              double precision not null,
    churn_level             varchar(10)      not null,
    reasons                 jsonb            not null,
    purchase_fit_id         uuid             not null,
    spend_fit_id            uuid
);
create index customer_score_churn on customer_score (churn_risk desc, customer_id);
create index customer_score_clv on customer_score (clv desc nulls last, customer_id);
