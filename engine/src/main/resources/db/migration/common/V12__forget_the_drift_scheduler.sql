-- Drift reports used to keep their cron trigger in a Quartz scheduler of their own,
-- 'shipmate-drift', in these tables; they are now a recurring job of the engine's scheduler.
-- What the old scheduler left is removed, so that it is not mistaken for a live one.
DELETE FROM QRTZ_FIRED_TRIGGERS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_CRON_TRIGGERS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_SIMPROP_TRIGGERS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_BLOB_TRIGGERS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_CALENDARS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_PAUSED_TRIGGER_GRPS WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = 'shipmate-drift';
DELETE FROM QRTZ_LOCKS WHERE SCHED_NAME = 'shipmate-drift';
