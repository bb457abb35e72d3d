// The tracking store's public API: the Store contract, opening a store by URI, and the default location.
export type * from './types.ts';
export { defaultStoreUri, openStore } from './open.ts';
export { StoreError } from './errors.ts';
export { SCHEMA_VERSION } from './schema.ts';
