import { Injectable } from '@nestjs/common';
import { InvalidInputError, ResourceNotFoundError } from '@app/core';
import { SUPPORTED_LOCALES } from '@app/identity';
import { TemplateRenderer, type RenderedEmail } from '@app/mail';
import { PreviewSamples } from './preview-samples';

const LOCALES: readonly string[] = SUPPORTED_LOCALES;

/** Renders any registered email kind with its sample data, in any supported language, as it would be sent. */
@Injectable()
export class EmailPreview {
  constructor(
    private readonly samples: PreviewSamples,
    private readonly renderer: TemplateRenderer,
  ) {}

  kinds(): string[] {
    return this.samples.kinds();
  }

  render(kind: string, locale: string): RenderedEmail {
    if (!LOCALES.includes(locale)) {
      throw new InvalidInputError([{ field: 'locale', message: `locale must be one of: ${LOCALES.join(', ')}` }]);
    }
    const sample = this.samples.get(kind);
    if (!sample) throw new ResourceNotFoundError('email_kind');
    return this.renderer.render(sample.templates, sample.template, locale, sample.sample(locale));
  }
}
