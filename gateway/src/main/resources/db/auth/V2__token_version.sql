-- Revocation of access tokens before they expire: a user's tokens carry the user's token version, and disabling the user
-- or changing their role raises it, so the gateway refuses tokens of an older version; revoked refresh-token families are
-- found again by when they were revoked when Redis lost its copy.
ALTER TABLE auth.users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
CREATE INDEX refresh_tokens_revoked_at_idx ON auth.refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL;
