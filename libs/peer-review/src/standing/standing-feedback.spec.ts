import { feedbackSentences } from './standing-feedback';
import type { ReviewingFigures } from './reviewer-standing.service';

const figures = (over: Partial<ReviewingFigures> = {}): ReviewingFigures => ({
  reviewsRequired: 3,
  reviewsGiven: 3,
  reviewsOnTime: 3,
  reviewsLate: 0,
  reviewsRemoved: 0,
  helpfulness: { mean: null, ratings: 0 },
  bias: null,
  biasStandardDeviation: null,
  noiseStandardDeviation: null,
  criteria: [],
  ...over,
});

describe('reviewer standing in words, for the reviewer', () => {
  it('tells a lenient reviewer how many points higher they score, and a harsh one how many lower', () => {
    expect(
      feedbackSentences(figures({ bias: 6.4, biasStandardDeviation: 2, noiseStandardDeviation: 4.2 }), true),
    ).toContain('You score about 6 points higher than your peers on average (out of 100).');
    expect(feedbackSentences(figures({ bias: -12.6, biasStandardDeviation: 2 }), true)).toContain(
      'You score about 13 points lower than your peers on average (out of 100).',
    );
  });

  it('calls a small bias, or one within its own uncertainty, in line', () => {
    const line = 'On average your scores are in line with your peers’.';
    expect(feedbackSentences(figures({ bias: 2.5, biasStandardDeviation: 1 }), true)).toContain(line);
    expect(feedbackSentences(figures({ bias: 5, biasStandardDeviation: 6 }), true)).toContain(line);
  });

  it('counts reviews given against those asked, late ones named, and helpfulness', () => {
    const lines = feedbackSentences(
      figures({ reviewsGiven: 2, reviewsOnTime: 1, reviewsLate: 1, helpfulness: { mean: 4.25, ratings: 2 } }),
      true,
    );
    expect(lines).toContain('You gave 2 of the 3 reviews asked of you, 1 review after your review window closed.');
    expect(lines).toContain('Authors rated your reviews 4.3 out of 5 for helpfulness (2 ratings).');
    expect(feedbackSentences(figures({ reviewsGiven: 0 }), true)[0]).toBe(
      'You have not given a review yet: this assignment asks 3 reviews of you.',
    );
    expect(feedbackSentences(figures(), true)).toContain('No author has rated your reviews yet.');
  });
});
