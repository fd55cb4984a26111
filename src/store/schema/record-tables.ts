import type { RecordGap, RecordMarkRow, RedeliveryRequest, RemovalRow } from "../rows.js";
import { columnsOf, declareTable } from "./table.js";

/** The tables that keep the record complete: marks, gaps, redeliveries asked for, removals. */

const mark = columnsOf<RecordMarkRow>();
export const recordMarks = declareTable("record_marks", {
  name: mark.text(),
  at: mark.integer(),
});

const gap = columnsOf<RecordGap>();
export const recordGaps = declareTable("record_gaps", {
  installation_id: gap.integer(),
  starts_at: gap.integer(),
  ends_at: gap.integer(),
  reason: gap.text(),
  state: gap.text(),
  opened_at: gap.integer(),
  checked: gap.boolean(),
  last_error: gap.nullableText(),
});

const redelivery = columnsOf<RedeliveryRequest>();
export const redeliveryRequests = declareTable("redelivery_requests", {
  guid: redelivery.text(),
  installation_id: redelivery.nullableInteger(),
  repository_id: redelivery.nullableInteger(),
  event: redelivery.text(),
  github_delivery_id: redelivery.integer(),
  delivered_at: redelivery.integer(),
  asked_at: redelivery.integer(),
  asks: redelivery.integer(),
  state: redelivery.text(),
  settled_at: redelivery.nullableInteger(),
});

const removal = columnsOf<RemovalRow>();
export const removals = declareTable("removals", {
  installation_id: removal.integer(),
  repository_id: removal.integer(),
  removed_at: removal.integer(),
});
