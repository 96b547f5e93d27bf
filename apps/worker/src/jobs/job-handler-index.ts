import { declaredJobNames, type JobName } from '@app/core';
import type { JobHandler } from './job-handler';

export interface DiscoveredHandler {
  jobName: JobName;
  /** Class name, for the error message. */
  source: string;
  handler: JobHandler<JobName>;
}

export class JobHandlerSetupError extends Error {
  override readonly name = 'JobHandlerSetupError';
}

/**
 * Maps each job to its handler, or throws naming every job without a handler and every job with several, so a
 * worker that could not process some job never starts. The jobs are those the libraries declared (`declareJobs`):
 * the worker imports every library's module, so by boot each has declared its own.
 */
export function indexJobHandlers(
  found: DiscoveredHandler[],
  jobNames: readonly JobName[] = declaredJobNames(),
): ReadonlyMap<JobName, JobHandler<JobName>> {
  const problems: string[] = [];
  const index = new Map<JobName, JobHandler<JobName>>();
  for (const jobName of jobNames) {
    const handlers = found.filter((h) => h.jobName === jobName);
    const [only] = handlers;
    if (handlers.length === 1 && only) index.set(jobName, only.handler);
    else if (handlers.length === 0) problems.push(`no handler for job "${jobName}"`);
    else
      problems.push(`${handlers.length} handlers for job "${jobName}" (${handlers.map((h) => h.source).join(', ')})`);
  }
  for (const h of found) {
    if (!jobNames.includes(h.jobName))
      problems.push(`${h.source} handles "${String(h.jobName)}", which no library declares`);
  }
  if (problems.length > 0) {
    throw new JobHandlerSetupError(
      `Every job needs exactly one @HandlesJob provider in the worker: ${problems.join('; ')}`,
    );
  }
  return index;
}
