-- A merge keeps what the customers looked like before it (for unmerge), contacts included: those snapshots are
-- sealed like the record (AES-256-GCM, see V108), so the columns hold text. Existing snapshots stay readable as
-- plaintext JSON until the re-sealing pass at the next start seals them.
alter table customer_merge
    alter column survivor_before type text using survivor_before::text,
    alter column merged_before   type text using merged_before::text,
    alter column survivor_after  type text using survivor_after::text;
