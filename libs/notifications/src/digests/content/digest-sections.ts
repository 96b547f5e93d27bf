import type { Provider } from '@nestjs/common';
import { AnnouncementsSection } from './announcements.section';
import { BadgesSection } from './badges.section';
import { ConversationSection } from './conversation.section';
import type { DigestSection } from './digest-section';
import { DueSoonSection } from './due-soon.section';
import { NewMembersSection } from './new-members.section';
import { PeerReviewSection } from './peer-review.section';
import { UpcomingMeetingsSection } from './upcoming-meetings.section';

/**
 * The digest's sections, in the order they appear in the email: what is due and coming first (peer review's news with it), then what people
 * said, then who came. Register a new section here (and give it a partial in the digest templates).
 */
export const DIGEST_SECTION_TYPES = [
  DueSoonSection,
  PeerReviewSection,
  BadgesSection,
  UpcomingMeetingsSection,
  AnnouncementsSection,
  ConversationSection,
  NewMembersSection,
] as const;

/** Injection token of the ordered list of section instances. */
export const DIGEST_SECTIONS = Symbol('DIGEST_SECTIONS');

export const digestSectionProviders: Provider[] = [
  ...DIGEST_SECTION_TYPES,
  {
    provide: DIGEST_SECTIONS,
    useFactory: (...sections: DigestSection[]): readonly DigestSection[] => sections,
    inject: [...DIGEST_SECTION_TYPES],
  },
];
