import type { Migration } from "../../schema/index.js";

export const lighterDeliveryLog: Migration = {
  version: 4,
  name: "lighter delivery log",
  // Delivery ids are only ever looked up by id; a second index made every delivery's commit
  // write one more page.
  sql: "DROP INDEX deliveries_by_installation;",
};
