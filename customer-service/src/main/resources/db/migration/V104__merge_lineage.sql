-- Merged customers stay as records (archived, pointing at their survivor) so reads can say where they went
-- and an unmerge can bring them back.
alter table customer add column merged_into uuid references customer (id);
create index customer_merged_into on customer (merged_into) where merged_into is not null;

-- One row per customer merged into a survivor: what each looked like before, what the merge made of the
-- survivor, and which orders moved. Unmerge reads it to give back exactly what was the merged customer's own.
create table customer_merge (
    id               uuid         primary key,
    survivor_id      uuid         not null references customer (id),
    merged_id        uuid         not null references customer (id),
    merged_at        timestamptz  not null,
    merged_by        varchar(100),
    survivor_before  jsonb        not null,
    merged_before    jsonb        not null,
    survivor_after   jsonb        not null,
    order_ids        uuid[]       not null default '{}',
    unmerged_at      timestamptz
);
create index customer_merge_survivor on customer_merge (survivor_id);
create unique index customer_merge_open on customer_merge (merged_id) where unmerged_at is null;
