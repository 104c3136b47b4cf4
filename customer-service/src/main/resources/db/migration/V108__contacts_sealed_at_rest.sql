-- Personal data at rest: e-mails, phones, addresses and birthday are sealed by the service (AES-256-GCM under
-- CLIENTBOOK_PII_KEYS) into *_sealed text columns; exact e-mail and phone lookups go through keyed digests
-- (blind indexes, CLIENTBOOK_PII_INDEX_KEYS). A stolen dump of this database shows neither.
--
-- Rows written before this version keep their plaintext in the legacy_* columns until the service, at its next
-- start, seals them and empties those columns (ContactResealing; readiness stays down until it is done).
alter table customer rename column emails to legacy_emails;
alter table customer rename column phones to legacy_phones;
alter table customer rename column addresses to legacy_addresses;
alter table customer rename column birthday to legacy_birthday;
alter table customer alter column legacy_emails drop not null, alter column legacy_emails drop default,
                     alter column legacy_phones drop not null, alter column legacy_phones drop default,
                     alter column legacy_addresses drop not null, alter column legacy_addresses drop default;
drop index if exists customer_emails;
drop index if exists customer_phones;

alter table customer
    add column emails_sealed    text,
    add column phones_sealed    text,
    add column addresses_sealed text,
    add column birthday_sealed  text,
    add column email_digests    text[] not null default '{}',
    add column phone_digests    text[] not null default '{}';

-- only rows that still hold plaintext are ever visited by the sealing pass
update customer set legacy_emails = null where legacy_emails = '[]'::jsonb;
update customer set legacy_phones = null where legacy_phones = '[]'::jsonb;
update customer set legacy_addresses = null where legacy_addresses = '[]'::jsonb;
create index customer_legacy_plaintext on customer (id)
    where legacy_emails is not null or legacy_phones is not null or legacy_addresses is not null or legacy_birthday is not null;

-- lookups run on every customer write (duplicate checks), often during bulk loads: no pending list (see V102)
create index customer_email_digests on customer using gin (email_digests) with (fastupdate = off);
create index customer_phone_digests on customer using gin (phone_digests) with (fastupdate = off);
