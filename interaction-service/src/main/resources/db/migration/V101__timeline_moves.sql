-- Timeline entries moved to a survivor by a customer merge, and where from: a customer.unmerged moves back
-- exactly these. Merges of merges stack: each move is its own row.
create table timeline_move (
    entry_id       uuid not null,
    from_customer  uuid not null,
    to_customer    uuid not null,
    primary key (entry_id, from_customer, to_customer)
);
create index timeline_move_back on timeline_move (from_customer, to_customer);

-- Customers merged into another, while the merge stands. Events for a merged customer can arrive after the
-- merge (they travel on another partition); they land on the survivor's timeline, with a move recorded per
-- merge so that unmerges still take them back.
create table customer_alias (
    merged_id    uuid primary key,
    survivor_id  uuid not null
);
