-- Each customer's orders and revenue per calendar year (UTC), kept as purchases change, so the annual book
-- report reads one row per customer and year instead of every purchase row of two years.
create table customer_year (
    customer_id  uuid          not null,
    year         integer       not null,
    orders       integer       not null,
    revenue      numeric(19,4) not null,
    primary key (customer_id, year)
);
create index customer_year_year on customer_year (year);

insert into customer_year (customer_id, year, orders, revenue)
select customer_id, cast(extract(year from placed_at at time zone 'UTC') as integer), count(*), coalesce(sum(amount), 0)
  from purchase where counts group by 1, 2;
