import { declareJobs, QueueName } from '@app/core';

declare module '@app/core' {
  interface JobPayloads {
    'refresh-group-discovery': Record<string, never>;
  }
}

export const GroupJob = declareJobs({
  /** Drop meetings that have begun from groups' discovery summaries ("fits my day", start date). */
  RefreshGroupDiscovery: { name: 'refresh-group-discovery', queue: QueueName.Maintenance },
});
