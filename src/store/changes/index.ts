export { applyChange } from "./apply-change.js";
export { applyBackfillPage, putBackfillCursor } from "./backfill-programs.js";
export { applyChanges, applyDelivery, recordFailedDelivery } from "./delivery-programs.js";
export { acquireLease, releaseLease, setNextRun } from "./job-programs.js";
export {
  deleteRow,
  getRow,
  insertRow,
  listRows,
  purgeRows,
  putRow,
  type RowOperation,
  type RowProgram,
} from "./row-operations.js";
export * from "./stored-rows.js";
