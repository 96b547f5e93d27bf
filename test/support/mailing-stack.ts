import { SmtpSink } from '@app/core/testing';
import { startTestApi, type TestApi } from './api-app';
import { startTestWorker, type TestWorker } from './worker-app';

export interface MailingStack {
  sink: SmtpSink;
  api: TestApi;
  worker: TestWorker;
  /** Worker first (its active jobs finish), then the API and its database, then the SMTP peer. */
  close(): Promise<void>;
}

/** What an end-to-end email test needs: the API, the worker beside it, and a real SMTP peer they send to. */
export async function startMailingStack(settings: Record<string, string> = {}): Promise<MailingStack> {
  const sink = await new SmtpSink().start();
  const api = await startTestApi({ ...settings, SMTP_URL: sink.url });
  const worker = await startTestWorker(api);
  return {
    sink,
    api,
    worker,
    async close() {
      await worker.close();
      await api.close();
      await sink.stop();
    },
  };
}

/**
 * The stack for a whole spec file: started before its tests (then handed to `ready`, which keeps what the tests
 * use), closed after them.
 */
export function useMailingStack(settings: Record<string, string>, ready: (stack: MailingStack) => void): void {
  let stack: MailingStack | undefined;
  beforeAll(async () => {
    stack = await startMailingStack(settings);
    ready(stack);
  });
  afterAll(() => stack?.close());
}
