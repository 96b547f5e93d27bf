// The badges library (issue 14). So far its offline core: eddsa-rdfc-2022 signing and verification over bundled
// JSON-LD contexts, recipient hashing, baking into PNG and SVG, and the bitstring status list.
export * from './credentials';
export * from './baking';
export * from './status-list';
