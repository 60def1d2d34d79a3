-- A run's executor writes heartbeat_at every few seconds while the run is QUEUED or RUNNING, so a service
-- that starts can tell a run orphaned by a crashed or stopped instance (stale heartbeat) from one that
-- another live replica or a command-line load is still executing.
ALTER TABLE commerce.runs ADD COLUMN heartbeat_at timestamptz;
