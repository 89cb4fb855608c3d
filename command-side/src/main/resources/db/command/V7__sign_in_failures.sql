-- Sign-in throttling (docs/security.md, Sign-in throttling), shared by every command-side instance: one row per
-- counted subject (an account name at a client address, an account name from anywhere, a client address). level
-- is the subject's recent failures, draining at the subject's own pace; blocked_until is when it may try again.
-- Rows quiet for a day are deleted.
CREATE TABLE sign_in_failures (
    subject       TEXT             PRIMARY KEY,
    level         DOUBLE PRECISION NOT NULL,
    updated_at    TIMESTAMPTZ      NOT NULL,
    blocked_until TIMESTAMPTZ      NOT NULL
);

CREATE INDEX sign_in_failures_updated_at ON sign_in_failures (updated_at);
