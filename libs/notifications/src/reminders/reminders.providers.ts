import { MeetingChangeNotifier } from './meeting-change.notifier';
import { MeetingChangedComposer } from './meeting-changed.composer';
import { MeetingReminderComposer } from './meeting-reminder.composer';
import { MeetingReminderPlanner } from './meeting-reminder.planner';
import { ModuleDueReminderComposer } from './module-due-reminder.composer';
import { ModuleDueReminderPlanner } from './module-due-reminder.planner';
import { ReminderMailRepository } from './reminder-mail.repository';
import { ReminderPreviewSamples } from './reminder-previews';
import { ReminderScopeRepository } from './reminder-scope.repository';

/** Meeting and module reminders, meeting-changed emails: outbox handlers, composers and their queries. */
export const reminderProviders = [
  ReminderScopeRepository,
  ReminderMailRepository,
  MeetingReminderPlanner,
  ModuleDueReminderPlanner,
  MeetingChangeNotifier,
  MeetingReminderComposer,
  ModuleDueReminderComposer,
  MeetingChangedComposer,
  ReminderPreviewSamples,
];
