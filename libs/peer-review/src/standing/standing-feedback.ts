import type { ReviewingFigures } from './reviewer-standing.service';

/** Below this many points out of 100 (or within its own uncertainty), a bias is not worth telling anyone about. */
export const NOTABLE_BIAS_POINTS = 3;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The reviewer's standing in sentences addressed to them ("you score 6 points higher than your peers"). */
export function feedbackSentences(figures: ReviewingFigures, submitted: boolean): string[] {
  const lines: string[] = [];
  const { reviewsGiven: given, reviewsRequired: required, reviewsLate: late } = figures;
  if (given === 0) {
    lines.push(
      submitted
        ? `You have not given a review yet: this assignment asks ${plural(required, 'review', 'reviews')} of you.`
        : 'You have not given a review yet.',
    );
  } else if (submitted) {
    const timing = late === 0 ? 'all on time' : `${plural(late, 'review', 'reviews')} after your review window closed`;
    lines.push(`You gave ${given} of the ${plural(required, 'review', 'reviews')} asked of you, ${timing}.`);
  } else {
    lines.push(`You gave ${plural(given, 'review', 'reviews')}.`);
  }
  if (figures.bias !== null) {
    const points = Math.round(Math.abs(figures.bias));
    if (Math.abs(figures.bias) < Math.max(NOTABLE_BIAS_POINTS, figures.biasStandardDeviation ?? 0)) {
      lines.push('On average your scores are in line with your peers’.');
    } else {
      const direction = figures.bias > 0 ? 'higher' : 'lower';
      lines.push(`You score about ${points} points ${direction} than your peers on average (out of 100).`);
    }
    if (figures.noiseStandardDeviation !== null) {
      lines.push(
        `Apart from that, your scores typically differ from your peers’ consensus by ${Math.round(figures.noiseStandardDeviation)} points.`,
      );
    }
  }
  const { mean, ratings } = figures.helpfulness;
  lines.push(
    mean === null
      ? 'No author has rated your reviews yet.'
      : `Authors rated your reviews ${mean.toFixed(1)} out of 5 for helpfulness (${plural(ratings, 'rating', 'ratings')}).`,
  );
  if (figures.reviewsRemoved > 0) {
    lines.push(
      `A facilitator took ${plural(figures.reviewsRemoved, 'of your reviews', 'of your reviews')} out of scoring.`,
    );
  }
  return lines;
}
