import { JobName } from '@app/core';
import type { JobHandler } from './job-handler';
import { indexJobHandlers, JobHandlerSetupError, type DiscoveredHandler } from './job-handler-index';

const handler = (): JobHandler<JobName> => ({ handle: () => Promise.resolve({}) });
const found = (jobName: JobName, source: string): DiscoveredHandler => ({ jobName, source, handler: handler() });

describe('indexJobHandlers', () => {
  it('maps every job to its one handler', () => {
    const all = Object.values(JobName).map((name) => found(name, `${name} handler`));

    const index = indexJobHandlers(all);

    expect([...index.keys()].sort()).toEqual(Object.values(JobName).sort());
    for (const { jobName, handler } of all) expect(index.get(jobName)).toBe(handler);
  });

  it('names every job without a handler', () => {
    const missing = Object.values(JobName).map((name) => `no handler for job "${name}"`);
    expect(() => indexJobHandlers([])).toThrow(
      new JobHandlerSetupError(`Every job needs exactly one @HandlesJob provider in the worker: ${missing.join('; ')}`),
    );
  });

  it('names a job with two handlers and where they come from', () => {
    const handlers = [
      ...Object.values(JobName).map((name) => found(name, name === JobName.SendEmail ? 'SendEmailProcessor' : name)),
      found(JobName.SendEmail, 'LegacySendEmailProcessor'),
    ];
    expect(() => indexJobHandlers(handlers)).toThrow(
      '2 handlers for job "send-email" (SendEmailProcessor, LegacySendEmailProcessor)',
    );
  });

  it('rejects a handler for a job outside the contract', () => {
    const handlers = [
      ...Object.values(JobName).map((name) => found(name, name)),
      found('send-sms' as JobName, 'SendSmsProcessor'),
    ];
    expect(() => indexJobHandlers(handlers)).toThrow('SendSmsProcessor handles "send-sms", which is not a JobName');
  });
});
