/**
 * The queue contract shared by the API and the worker.
 * Values are persisted in Redis: never rename one without a migration plan.
 */
export enum QueueName {
  Email = 'email',
  Maintenance = 'maintenance',
  /** Relaying the outbox and releasing due notifications: kept apart so a long maintenance job never delays them. */
  Notifications = 'notifications',
}

/**
 * Job names and their payloads. Core holds the mechanism, never the list: each library declares its own jobs in its
 * `<lib>.jobs.ts`, with their payloads merged into this interface (name → payload) and each name's queue declared
 * with `declareJobs`:
 *
 *   declare module '@app/core' {
 *     interface JobPayloads {
 *       'send-email': { deliveryId: string };
 *     }
 *   }
 *   export const MailJob = declareJobs({ SendEmail: { name: 'send-email', queue: QueueName.Email } });
 *
 * Payloads carry ids, never rows: the handler reloads the current state. Names are persisted in Redis: never
 * rename one without a migration plan.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each library (declaration merging)
export interface JobPayloads {}

/** Every job name some library declared. */
export type JobName = Extract<keyof JobPayloads, string>;

export type JobData<N extends JobName> = JobPayloads[N];

interface JobDeclaration {
  name: JobName;
  queue: QueueName;
}

const queueOf = new Map<string, QueueName>();

/**
 * Declares one library's jobs and the queue of each; returns their names under the keys given (a const object the
 * library exports: `MailJob.SendEmail === 'send-email'`). Each name must have a payload in `JobPayloads`; declaring
 * a name twice (two libraries claiming one job) throws when the second library loads.
 */
export function declareJobs<const J extends Readonly<Record<string, JobDeclaration>>>(
  jobs: J,
): { readonly [K in keyof J]: J[K]['name'] } {
  const names: Record<string, JobName> = {};
  for (const [key, { name, queue }] of Object.entries(jobs)) {
    if (queueOf.has(name)) throw new Error(`The job "${name}" is declared twice`);
    queueOf.set(name, queue);
    names[key] = name;
  }
  return names as { readonly [K in keyof J]: J[K]['name'] };
}

/** The queue a declared job runs on; throws for a name no library declared. */
export function queueOfJob(name: JobName): QueueName {
  const queue = queueOf.get(name);
  if (queue === undefined) throw new Error(`No library declares the job "${name}"`);
  return queue;
}

/** Every job name declared so far (by the libraries this process has loaded). */
export const declaredJobNames = (): JobName[] => [...queueOf.keys()] as JobName[];
