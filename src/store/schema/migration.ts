/** One numbered step of a backend's schema history, applied once, in order of version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
