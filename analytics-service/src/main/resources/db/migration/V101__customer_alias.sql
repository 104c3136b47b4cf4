-- Customers merged into another, while the merge stands. Projections stay keyed by the id the facts came
-- with; reads of a survivor take in the whole group, so an unmerge only has to drop the alias.
create table customer_alias (
    merged_id    uuid primary key,
    survivor_id  uuid not null
);
create index customer_alias_survivor on customer_alias (survivor_id);
