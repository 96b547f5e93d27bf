import { renderInZone } from '@app/core';
import { shortDate, timeLeft } from './content/digest-format';
import type { DigestView } from './digest.composer';

const COHORT = '00000000-0000-4000-8000-000000000001';
const THREAD = '00000000-0000-4000-8000-000000000002';
const GROUP = '00000000-0000-4000-8000-000000000003';
const ASSIGNMENT = '00000000-0000-4000-8000-000000000004';

/**
 * A believable digest with every section, for the preview endpoint and the template tests: what the composer
 * would pass for Ana in La Paz on the morning of Tuesday 10 March 2026.
 */
export function sampleDigestView(
  locale: string,
  urls: { publicUrl: string; preferencesUrl: string; unsubscribeUrl: string },
): DigestView {
  const zone = 'America/La_Paz';
  const until = new Date('2026-03-10T12:00:00Z');
  const dueAt = new Date('2026-03-12T03:59:00Z');
  const link = (path: string): string => new URL(path, urls.publicUrl).toString();
  return {
    displayName: 'Ana Quispe',
    timeZone: zone,
    weekly: false,
    dateLabel: shortDate(until, zone, locale),
    preferencesUrl: urls.preferencesUrl,
    unsubscribeUrl: urls.unsubscribeUrl,
    sections: [
      {
        key: 'dueSoon',
        items: [
          {
            cohortTitle: 'Biogas, spring cohort',
            moduleTitle: 'Seal the tube',
            when: renderInZone(dueAt, zone, locale),
            left: timeLeft(until, dueAt),
            link: link(`/cohorts/${COHORT}`),
          },
        ],
        more: 0,
      },
      {
        key: 'peerReview',
        items: [
          {
            message: 'digest.peerReview.reviewsDue',
            assignmentTitle: 'Seal the tube',
            count: 2,
            when: renderInZone(new Date('2026-03-11T03:59:00Z'), zone, locale),
            link: link(`/cohorts/${COHORT}/assignments/${ASSIGNMENT}/reviews`),
          },
          {
            message: 'digest.peerReview.received',
            assignmentTitle: 'Seal the tube',
            count: null,
            when: null,
            link: link(`/cohorts/${COHORT}/assignments/${ASSIGNMENT}/submissions/mine`),
          },
        ],
        more: 0,
      },
      {
        key: 'badges',
        items: [
          {
            badgeName: 'Careful Reviewer',
            issuerName: 'Commonplace',
            link: link('/api/v1/badges/credentials/00000000-0000-4000-8000-000000000014'),
          },
        ],
        more: 0,
      },
      {
        key: 'meetings',
        items: [
          {
            groupName: 'Group 1',
            title: 'Trench check-in',
            when: renderInZone(new Date('2026-03-10T23:30:00Z'), zone, locale),
            link: link(`/groups/${GROUP}`),
          },
        ],
        more: 0,
      },
      {
        key: 'announcements',
        items: [
          {
            cohortTitle: 'Biogas, spring cohort',
            title: 'Week 3 opens early',
            excerpt: 'Module 3 is out today. Bring one question to Thursday’s meeting.',
            link: link(`/cohorts/${COHORT}`),
          },
        ],
        more: 0,
      },
      {
        key: 'conversation',
        cohorts: [
          {
            title: 'Biogas, spring cohort',
            threads: [
              {
                title: 'Where do you get your tubes?',
                groupName: null,
                link: link(`/cohorts/${COHORT}/threads/${THREAD}`),
                posts: [
                  { author: 'Fatou Diop', excerpt: 'Tell us your supplier.' },
                  { author: 'Bea Kowalska', excerpt: 'The hardware store on Calle 5 has 8 m rolls.' },
                ],
                more: 2,
              },
            ],
          },
        ],
        more: 3,
      },
      { key: 'newMembers', items: [{ name: 'Dmitri Volkov', place: 'Group 1' }], more: 0 },
    ],
  };
}
