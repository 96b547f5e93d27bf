import { DiscussionAccess } from './discussion-access';
import { DiscussionReader } from './discussion-reader.service';
import { DiscussionWriter } from './discussion-writer.service';
import { DiscussionRepository } from './discussion.repository';

/** Discussions' providers, and those the API uses. */
export const DISCUSSION_PROVIDERS = [DiscussionRepository, DiscussionAccess, DiscussionReader, DiscussionWriter];
export const DISCUSSION_EXPORTS = [DiscussionReader, DiscussionWriter];
