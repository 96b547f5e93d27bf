export { CoreModule } from './core.module';
export { AppConfig, ConfigError, loadConfig } from './config/app-config';
export { Clock, SystemClock } from './clock/clock';
export { databaseOptions, ENTITY_GLOB, MIGRATION_GLOB } from './database/database-options';
export { poolQuery, preparedQuery } from './database/prepared-query';
export { REDIS } from './redis/redis.module';
export {
  QueueName,
  declareJobs,
  queueOfJob,
  declaredJobNames,
  type JobName,
  type JobData,
  type JobPayloads,
} from './queue/jobs';
export { JobQueue, bullPrefix } from './queue/job-queue';
export {
  DomainError,
  ErrorKind,
  InvalidInputError,
  ResourceNotFoundError,
  AccessDeniedError,
  RateLimitedError,
  type FieldProblem,
} from './errors/domain-error';
export {
  PageQueryDto,
  PageMetaDto,
  MAX_PAGE_SIZE,
  encodeCursor,
  decodeCursor,
  toPage,
  type Page,
  type CursorPosition,
} from './pagination/cursor';
export { IsIanaTimeZone, isIanaTimeZone, IsOmittable, LOCAL_TIME_PATTERN, minutesOfDay } from './validation/validators';
export { findMalformedText, textFault } from './validation/well-formed-text';
export { PlatformRole, isAdmin, type Actor, type ResourcePolicy, type PolicyDecision } from './auth/actor';
export { repoRoot, fromRepoRoot } from './paths';
export { PersonalDataRegistry, type PersonalDataContributor } from './personal-data/personal-data.registry';
export { isTimestampAndUuid } from './pagination/cursor';
export { LOG_STREAM } from './logging/logging.module';
export { AppLogger } from './logging/app-logger';
export { Outbox } from './outbox/outbox';
export {
  OutboxHandlerRegistry,
  type HandlerOutcome,
  type OutboxEventHandler,
  type RelayedEvent,
} from './outbox/outbox-handler';
export { OutboxEvent } from './outbox/outbox-event.entity';
export {
  declareDomainEvents,
  aggregateOfEvent,
  declaredDomainEvents,
  type DomainEventType,
  type DomainEventPayloads,
  type AggregateType,
} from './outbox/domain-events';
export {
  zonedInstant,
  localParts,
  renderInZone,
  zonedTimeView,
  addLocalDays,
  isoWeekday,
  type LocalParts,
  type ZonedTimeView,
} from './time/local-time';
export { keptDateTimeFormat } from './time/kept-formats';
export { keptResults } from './time/kept-results';
