import { AnnouncementComposer } from './announcement.composer';
import { AnnouncementRepository } from './announcement.repository';
import { AnnouncementsService } from './announcements.service';

/** Announcements' providers (the composer registers itself for the worker), and those the API uses. */
export const ANNOUNCEMENT_PROVIDERS = [AnnouncementRepository, AnnouncementsService, AnnouncementComposer];
export const ANNOUNCEMENT_EXPORTS = [AnnouncementsService];
