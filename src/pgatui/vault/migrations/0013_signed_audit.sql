-- Witnessed audit heads (DESIGN.md): every event carries the Ed25519 signature of the key that
-- wrote it and that key's id (login:fingerprint, certified in keyring.json by the vault's root
-- key). Added columns only: the triggers that refuse UPDATE and DELETE stay as they are.
-- Events written before this migration have NULL here and are reported as unsigned by verify
-- only when they come after the first signed event.
ALTER TABLE audit_log ADD COLUMN signer TEXT;
ALTER TABLE audit_log ADD COLUMN signature TEXT;
-- Chained pending events are found back by their id (object_id 'pending:<id>') and keyring
-- changes of one user by action and object; both lookups stay off a full scan.
CREATE INDEX audit_log_action_object ON audit_log(action, object_id);
