export { BakingError, BakingErrorCode } from './baking.error';
export { bakePng, extractFromPng, PNG_CREDENTIAL_KEYWORD } from './png';
export { bakeSvg, extractFromSvg, OPENBADGES_NAMESPACE } from './svg';
export { defaultBadgePng, DEFAULT_BADGE_SVG, DEFAULT_BADGE_SIZE } from './default-badge';
