import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * One domain's share of a person's data. Every domain that stores something about a person registers one,
 * so "export my data" and "delete my account" cover the whole platform without one domain knowing the others.
 */
export interface PersonalDataContributor {
  /** Key of this domain's section in the export, e.g. `emails`. */
  readonly section: string;
  export(manager: EntityManager, userId: string): Promise<unknown>;
  /** Erase or anonymize, inside the deletion transaction. Content others rely on stays, without the person. */
  erase(manager: EntityManager, userId: string): Promise<void>;
}

@Injectable()
export class PersonalDataRegistry {
  private readonly contributors: PersonalDataContributor[] = [];

  register(contributor: PersonalDataContributor): void {
    if (this.contributors.some((c) => c.section === contributor.section)) {
      throw new Error(`Two personal-data contributors for section ${contributor.section}`);
    }
    this.contributors.push(contributor);
  }

  all(): readonly PersonalDataContributor[] {
    return this.contributors;
  }
}
