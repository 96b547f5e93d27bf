import { JobName } from '@app/core';
import type { JobHandler } from './job-handler';
import { indexJobHandlers, JobHandlerSetupError, type DiscoveredHandler } from './job-handler-index';

const handler = (): JobHandler<JobName> => ({ handle: () => Promise.resolve({}) });
const found = (jobName: JobName, source: string): DiscoveredHandler => ({ jobName, source, handler: handler() });

describe('indexJobHandlers', () => {
  it('maps every job to its one handler', () => {
    const send = found(JobName.SendEmail, 'SendEmailProcessor');
    const reconcile = found(JobName.ReconcileEmails, 'ReconcileEmailsProcessor');

    const index = indexJobHandlers([send, reconcile]);

    expect([...index.keys()].sort()).toEqual(Object.values(JobName).sort());
    expect(index.get(JobName.SendEmail)).toBe(send.handler);
    expect(index.get(JobName.ReconcileEmails)).toBe(reconcile.handler);
  });

  it('names every job without a handler', () => {
    expect(() => indexJobHandlers([])).toThrow(
      new JobHandlerSetupError(
        'Every job needs exactly one @HandlesJob provider in the worker: ' +
          'no handler for job "send-email"; no handler for job "reconcile-emails"',
      ),
    );
  });

  it('names a job with two handlers and where they come from', () => {
    const handlers = [
      found(JobName.SendEmail, 'SendEmailProcessor'),
      found(JobName.SendEmail, 'LegacySendEmailProcessor'),
      found(JobName.ReconcileEmails, 'ReconcileEmailsProcessor'),
    ];
    expect(() => indexJobHandlers(handlers)).toThrow(
      '2 handlers for job "send-email" (SendEmailProcessor, LegacySendEmailProcessor)',
    );
  });

  it('rejects a handler for a job outside the contract', () => {
    const handlers = [
      found(JobName.SendEmail, 'SendEmailProcessor'),
      found(JobName.ReconcileEmails, 'ReconcileEmailsProcessor'),
      found('send-sms' as JobName, 'SendSmsProcessor'),
    ];
    expect(() => indexJobHandlers(handlers)).toThrow('SendSmsProcessor handles "send-sms", which is not a JobName');
  });
});
