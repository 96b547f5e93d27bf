import { declaredJobNames, type JobName } from '@app/core';
import { GroupJob } from '@app/groups';
import { MailJob } from '@app/mail';
import { NotificationJob } from '@app/notifications';
import type { JobHandler } from './job-handler';
import { indexJobHandlers, JobHandlerSetupError, type DiscoveredHandler } from './job-handler-index';

const handler = (): JobHandler<JobName> => ({ handle: () => Promise.resolve({}) });
const found = (jobName: JobName, source: string): DiscoveredHandler => ({ jobName, source, handler: handler() });

describe('indexJobHandlers', () => {
  it('checks the jobs every library declares, not a list kept in core', () => {
    expect(declaredJobNames().sort()).toEqual(
      [...Object.values(MailJob), ...Object.values(GroupJob), ...Object.values(NotificationJob)].sort(),
    );
  });

  it('maps every job to its one handler', () => {
    const all = declaredJobNames().map((name) => found(name, `${name} handler`));

    const index = indexJobHandlers(all);

    expect([...index.keys()].sort()).toEqual(declaredJobNames().sort());
    for (const { jobName, handler } of all) expect(index.get(jobName)).toBe(handler);
  });

  it('names every job without a handler', () => {
    const missing = declaredJobNames().map((name) => `no handler for job "${name}"`);
    expect(() => indexJobHandlers([])).toThrow(
      new JobHandlerSetupError(`Every job needs exactly one @HandlesJob provider in the worker: ${missing.join('; ')}`),
    );
  });

  it('names a job with two handlers and where they come from', () => {
    const handlers = [
      ...declaredJobNames().map((name) => found(name, name === MailJob.SendEmail ? 'SendEmailProcessor' : name)),
      found(MailJob.SendEmail, 'LegacySendEmailProcessor'),
    ];
    expect(() => indexJobHandlers(handlers)).toThrow(
      '2 handlers for job "send-email" (SendEmailProcessor, LegacySendEmailProcessor)',
    );
  });

  it('rejects a handler for a job outside the contract', () => {
    const handlers = [
      ...declaredJobNames().map((name) => found(name, name)),
      found('send-sms' as JobName, 'SendSmsProcessor'),
    ];
    expect(() => indexJobHandlers(handlers)).toThrow('SendSmsProcessor handles "send-sms", which no library declares');
  });
});
