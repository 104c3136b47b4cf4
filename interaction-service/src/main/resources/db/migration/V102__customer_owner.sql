-- Who owns each customer (from customer.created and customer.updated), so a sales user sees only the
-- timelines of its own customers, as in customer-service.
create table customer_owner (
    customer_id  uuid primary key,
    owner_id     varchar(100)
);
