import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import { ScoreUncertaintyService } from './score-uncertainty.service';
import { ScoringRepository } from './scoring.repository';

interface AssignmentKey {
  cohortId: string;
  assignmentId: string;
}

/**
 * Refits the reviewer model's uncertain set after the changes that can move it, from their outbox events, in the
 * relay's transaction: the events are marked published only with the new set, so a crash loses no refit. Each
 * assignment the batch names is fitted once however many events name it (a burst of submissions costs one fit per
 * batch), in a fixed order so that two workers' advisory locks never wait on each other in a cycle.
 */
@Injectable()
export class ScoreUncertaintyHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'peer-review-uncertain-scores';
  readonly handles = [PeerReviewEvent.ReviewSubmitted, PeerReviewEvent.ReviewRemoved, PeerReviewEvent.ScoringChanged];
  private readonly logger = new Logger(ScoreUncertaintyHandler.name);

  constructor(
    private readonly uncertainty: ScoreUncertaintyService,
    private readonly repository: ScoringRepository,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const assignments = new Map<string, AssignmentKey>();
    const add = (key: AssignmentKey): void => void assignments.set(`${key.cohortId}:${key.assignmentId}`, key);
    const unplaced: string[] = [];
    for (const event of events) {
      const p = event.payload as Partial<Record<string, unknown>>;
      if (typeof p.cohortId === 'string' && typeof p.assignmentId === 'string') {
        add({ cohortId: p.cohortId, assignmentId: p.assignmentId });
      } else if (typeof p.submissionId === 'string') {
        // A review event recorded before its payload carried the assignment.
        unplaced.push(p.submissionId);
      }
    }
    for (const key of await this.repository.assignmentsOfSubmissions(manager, unplaced)) add(key);
    const ordered = [...assignments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, { cohortId, assignmentId }] of ordered) {
      try {
        await this.uncertainty.recompute(manager, cohortId, assignmentId);
      } catch (error) {
        // The cohort or its course version is gone: there is nothing left to fit, and retrying cannot help.
        if (!(error instanceof PeerReviewError && error.code === String(PeerReviewErrorCode.AssignmentNotFound))) {
          throw error;
        }
        this.logger.warn({ cohortId, assignmentId }, 'uncertain scores not refitted: the assignment is gone');
      }
    }
  }
}
