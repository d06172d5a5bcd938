-- The access log viewer (issue 15): every filter walks an index in chain order (newest first,
-- keyset paging on seq), so the first page and each filter stay fast at a million events.
-- The audit_log table and its append-only triggers are untouched: indexes only.
CREATE INDEX audit_log_object_seq ON audit_log(object_id, seq);
CREATE INDEX audit_log_actor_seq ON audit_log(actor, seq);
CREATE INDEX audit_log_action_seq ON audit_log(action, seq);
CREATE INDEX audit_log_result_seq ON audit_log(result, seq);
CREATE INDEX audit_log_at ON audit_log(at);
