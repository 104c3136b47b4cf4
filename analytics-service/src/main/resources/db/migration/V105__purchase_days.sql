-- The models' view of each customer kept with its figures, so a rescoring job reads one row per customer
-- instead of summarising the whole purchase history: purchase days (UTC; same-day orders are one purchase),
-- and the spend of the days after the first (Gamma-Gamma's input).
alter table customer_projection
    add column purchase_days          integer not null default 0,
    add column repeat_day_spend       numeric(19,4),
    add column repeat_days_with_spend integer not null default 0;

update customer_projection cp
   set (purchase_days, repeat_day_spend, repeat_days_with_spend) = (
       select count(*), sum(a) filter (where d > f), count(a) filter (where d > f)
         from (select d, a, min(d) over () as f
                 from (select cast(p.placed_at at time zone 'UTC' as date) as d, sum(p.amount) as a
                         from purchase p where p.customer_id = cp.customer_id and p.counts group by 1) days) x)
 where cp.purchase_count > 0;
