import { Injectable } from '@nestjs/common';
import type { TemplateSet } from '@app/mail';

/** How to preview one email kind: its templates and believable data to fill them with. */
export interface PreviewSample {
  /** The ledger/composer kind, e.g. `identity.verify-email`. */
  kind: string;
  templates: TemplateSet;
  /** Template name inside `templates` (`<template>.subject.hbs`, ...). */
  template: string;
  /** The data a composer would pass, made up; may differ by locale (names, dates in words). */
  sample(locale: string): Record<string, unknown>;
}

/**
 * The email kinds the preview endpoint can show. Each domain registers a sample for its kinds in `onModuleInit`
 * (next to its composer), so a new email is previewable as soon as it exists.
 */
@Injectable()
export class PreviewSamples {
  private readonly samples = new Map<string, PreviewSample>();

  register(sample: PreviewSample): void {
    if (this.samples.has(sample.kind)) throw new Error(`Two preview samples for kind ${sample.kind}`);
    this.samples.set(sample.kind, sample);
  }

  get(kind: string): PreviewSample | undefined {
    return this.samples.get(kind);
  }

  kinds(): string[] {
    return [...this.samples.keys()].sort();
  }
}
