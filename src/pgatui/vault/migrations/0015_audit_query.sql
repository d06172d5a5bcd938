-- The access log viewer (issue 15): every filter walks an index in chain order (newest first,
-- keyset paging on seq), so the first page and each filter stay fast at a million events.
-- Refusals are rare (well under 1%): partial indexes hold only them, so "refused" alone or with
-- a user or an action is a direct walk too, and an index on a column that is nearly always 'ok'
-- is not kept. The audit_log table and its append-only triggers are untouched: indexes only.
CREATE INDEX audit_log_object_seq ON audit_log(object_id, seq);
CREATE INDEX audit_log_actor_seq ON audit_log(actor, seq);
-- A user and an action together ("every login of anna"): one walk, not a scan of the user's events.
CREATE INDEX audit_log_actor_action ON audit_log(actor, action, seq);
CREATE INDEX audit_log_action_seq ON audit_log(action, seq);
CREATE INDEX audit_log_refused ON audit_log(seq) WHERE result = 'refused';
CREATE INDEX audit_log_refused_actor ON audit_log(actor, seq) WHERE result = 'refused';
CREATE INDEX audit_log_refused_action ON audit_log(action, seq) WHERE result = 'refused';
CREATE INDEX audit_log_at ON audit_log(at);
