import { AnnouncementRecipients } from './announcement-recipients';
import { AnnouncementRepository } from './announcement.repository';
import { AnnouncementsService } from './announcements.service';

/** Announcements' providers, and those the API and the notifications domain (which emails them) use. */
export const ANNOUNCEMENT_PROVIDERS = [AnnouncementRepository, AnnouncementsService, AnnouncementRecipients];
export const ANNOUNCEMENT_EXPORTS = [AnnouncementsService, AnnouncementRecipients];
