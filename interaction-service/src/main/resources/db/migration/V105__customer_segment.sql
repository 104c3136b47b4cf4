-- The customer's segment (analytics' customer.segment.changed), for segment-changed triggers and conditions.
alter table customer_profile add column segment varchar(60);
