import type { Migration } from "../../schema/index.js";

export const deliveryLogKeyedByIdAlone: Migration = {
  version: 5,
  name: "delivery log keyed by id alone",
  // One b-tree keyed by the delivery id instead of a rowid table plus an index on the id:
  // each delivery's commit writes one page less.
  sql: `
CREATE TABLE deliveries_by_id (
  delivery_id TEXT PRIMARY KEY,
  installation_id INTEGER,
  event TEXT NOT NULL,
  action TEXT,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO deliveries_by_id SELECT delivery_id, installation_id, event, action, received_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_by_id RENAME TO deliveries;
`,
};
