export { canonicalJson } from "./canonical-json.js";
export { type CopyOutcome, copyStore } from "./copy-store.js";
export { holdLease, type LeaseOptions } from "./jobs/index.js";
export {
  DEFAULT_DATABASE_PATH,
  isDatabaseUrl,
  openStore,
  resolveStoreLocation,
  type StoreLocation,
} from "./open-store.js";
export type * from "./records.js";
export type * from "./rows.js";
export type * from "./store.js";
export { StoreUnavailableError } from "./store-unavailable-error.js";
export type { StoredRows, TableName } from "./stored-rows.js";
