import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, renderInZone } from '@app/core';
import { PreviewSamples } from '../preview/preview-samples';
import { NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks, UNSUBSCRIBE_PATH } from '../unsubscribe/unsubscribe-links';
import { groupUrl, leadTime, REMINDER_TEMPLATES, type MeetingMailView } from './meeting-mail-view';

const SAMPLE_GROUP_ID = '00000000-0000-4000-8000-000000000002';
const SAMPLE_COHORT_ID = '00000000-0000-4000-8000-000000000001';
/** Tuesday 3 March 2026, 18:00 in La Paz. */
const SAMPLE_START = new Date('2026-03-03T22:00:00Z');

/** Preview samples of the reminder emails: the data their composers pass, made up, for a reader in Kathmandu. */
@Injectable()
export class ReminderPreviewSamples implements OnModuleInit {
  constructor(
    private readonly samples: PreviewSamples,
    private readonly config: AppConfig,
    private readonly links: UnsubscribeLinks,
  ) {}

  onModuleInit(): void {
    this.samples.register({
      kind: NotificationMailKind.MeetingReminder,
      templates: REMINDER_TEMPLATES,
      template: 'reminder-meeting',
      sample: (locale) => ({ ...this.meeting(locale, SAMPLE_START), ...leadTime(60), ...this.footer() }),
    });
    this.samples.register({
      kind: NotificationMailKind.MeetingChanged,
      templates: REMINDER_TEMPLATES,
      template: 'meeting-changed',
      sample: (locale) => ({
        ...this.meeting(locale, new Date('2026-03-04T22:00:00Z')),
        moved: true,
        before: renderInZone(SAMPLE_START, 'Asia/Kathmandu', locale),
        ...this.footer(),
      }),
    });
    this.samples.register({
      kind: NotificationMailKind.ModuleDueReminder,
      templates: REMINDER_TEMPLATES,
      template: 'reminder-module',
      sample: (locale) => ({
        displayName: 'Nima Sherpa',
        cohortTitle: 'Climate Science 101',
        moduleTitle: 'Module 2: Carbon budgets',
        when: renderInZone(new Date('2026-03-08T18:14:00Z'), 'Asia/Kathmandu', locale),
        whenInCohort: null,
        extended: false,
        link: new URL(`/cohorts/${SAMPLE_COHORT_ID}`, this.config.PUBLIC_URL).toString(),
        ...this.footer(),
      }),
    });
  }

  private meeting(locale: string, startsAt: Date): MeetingMailView {
    return {
      displayName: 'Nima Sherpa',
      groupName: 'Biogas builders of El Alto',
      title: 'Sizing the digester',
      when: renderInZone(startsAt, 'Asia/Kathmandu', locale),
      whenInGroup: renderInZone(startsAt, 'America/La_Paz', locale),
      meetingLink: 'https://meet.example.org/biogas',
      place: null,
      groupUrl: groupUrl(this.config.PUBLIC_URL, SAMPLE_GROUP_ID),
    };
  }

  /** Sample token: the links in a preview lead nowhere. */
  private footer(): Record<string, string> {
    return {
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl: new URL(`${UNSUBSCRIBE_PATH}?token=sample-token`, this.config.PUBLIC_URL).toString(),
    };
  }
}
