-- At every start Rapport queues the next reminder of each open activity that has one
-- (`scheduleUpcomingReminders`). Without an index that read every activity: 1.5 s of a core at two million
-- activities, while the first requests came in. The index holds only the open activities with a reminder.
create index if not exists activities_reminder_idx on activities (starts_at)
  where reminder_minutes is not null and deleted_at is null and done_at is null;
