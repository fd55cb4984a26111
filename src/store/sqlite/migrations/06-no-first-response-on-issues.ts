import type { Migration } from "../../schema/index.js";

export const noFirstResponseOnIssues: Migration = {
  version: 6,
  name: "no first response on issues",
  // Metrics find an issue's first response among its comments; these copies were never read.
  sql: `
ALTER TABLE issues DROP COLUMN first_response_at;
ALTER TABLE issues DROP COLUMN first_response_by;
`,
};
