-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0001_create_users.sql
-- core.users v1: user accounts.
CREATE TABLE core.users (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email           text        NOT NULL,
    display_name    varchar(120) NOT NULL,
    legacy_username varchar(64),
    auth_subject    text,
    locale          varchar(35) NOT NULL DEFAULT 'en',
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_key ON core.users (lower(email));
CREATE UNIQUE INDEX users_auth_subject_key ON core.users (auth_subject) WHERE auth_subject IS NOT NULL;
