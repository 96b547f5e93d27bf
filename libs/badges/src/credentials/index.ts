export * from './data-integrity';
export * from './document-loader';
export * from './multikey';
export * from './recipient';
export { canonize, expandSafely } from './json-ld';
