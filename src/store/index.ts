export { DEFAULT_DATABASE_PATH, openStore } from "./open-store.js";
export type * from "./records.js";
export { SqliteStore } from "./sqlite-store.js";
export type * from "./store.js";
