export { applyBackfillPage, putBackfillCursor } from "./backfill-programs.js";
export { applyChanges, applyDelivery, recordFailedDelivery } from "./delivery-programs.js";
export { acquireLease, releaseLease, setNextRun } from "./job-programs.js";
export { confirmPurge, dropPurge, postponePurge } from "./purge-programs.js";
export { failPublishWork, finishPublishWork } from "./queue-programs.js";
export {
  closeRecordGaps,
  openRecordGaps,
  putRedeliveryRequests,
  updateRecordGaps,
  writeMark,
} from "./record-programs.js";
export { deleteRow, putRow, type RowOperation, type RowProgram } from "./row-operations.js";
export { getSession } from "./session-programs.js";
export { putSettings } from "./settings-programs.js";
