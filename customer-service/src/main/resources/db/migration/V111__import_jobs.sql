-- Bulk import jobs (docs/integrations.md). An upload is parsed as it streams in and stored as sealed chunks of
-- 1,000 mapped rows; the job is then worked chunk by chunk, each chunk's rows and the job's progress committed
-- together, so a job resumes where it stopped on any instance and no row is written twice.
create table import_job (
    id              uuid primary key,
    kind            varchar(20)  not null,
    format          varchar(10)  not null,
    state           varchar(20)  not null,
    total           bigint,
    chunks          integer      not null default 0,
    next_chunk      integer      not null default 0,
    processed       bigint       not null default 0,
    succeeded       bigint       not null default 0,
    failed          bigint       not null default 0,
    created_at      timestamptz  not null,
    created_by      varchar(200) not null,
    created_roles   varchar(500) not null default '',
    started_at      timestamptz,
    finished_at     timestamptz,
    failure         varchar(1000),
    idempotency_key varchar(200),
    content_sha256  varchar(64),
    bytes           bigint       not null default 0,
    claimed_by      varchar(200),
    heartbeat_at    timestamptz
);
create unique index import_job_idempotency on import_job (created_by, idempotency_key) where idempotency_key is not null;
create index import_job_due on import_job (created_at) where state in ('queued', 'running');

-- Rows as mapped at upload, NDJSON of {"line": n, "item": {...}} or {"line": n, "errors": [...]}, sealed
-- (column import_job_chunk.rows); dropped once the job ends.
create table import_job_chunk (
    job_id uuid    not null references import_job (id) on delete cascade,
    seq    integer not null,
    rows   text    not null,
    primary key (job_id, seq)
);

-- Rows that could not be imported, with the fields at fault (never their values).
create table import_job_error (
    job_id uuid          not null references import_job (id) on delete cascade,
    line   bigint        not null,
    errors jsonb         not null,
    primary key (job_id, line)
);
