import type { DeliveryRecord } from "../records.js";
import type {
  DashboardSession,
  FailedDeliveryRecord,
  KeptSettings,
  PendingPurge,
  Publication,
  QueuedWork,
} from "../rows.js";
import type { JobRow, StoredBackfillCursor } from "../stored-rows.js";
import { columnsOf, declareTable } from "./table.js";

/** The tables the app runs on: delivery log, publications, jobs, cursors, queue, sessions. */

const delivery = columnsOf<DeliveryRecord>();
export const deliveries = declareTable("deliveries", {
  delivery_id: delivery.text(),
  installation_id: delivery.nullableInteger(),
  repository_id: delivery.nullableInteger(),
  event: delivery.text(),
  action: delivery.nullableText(),
  received_at: delivery.integer(),
});

const failed = columnsOf<FailedDeliveryRecord>();
export const failedDeliveries = declareTable("failed_deliveries", {
  delivery_id: failed.text(),
  installation_id: failed.nullableInteger(),
  repository_id: failed.nullableInteger(),
  event: failed.text(),
  payload: failed.text(),
  error: failed.text(),
  received_at: failed.integer(),
});

const publication = columnsOf<Publication>();
export const publications = declareTable("publications", {
  installation_id: publication.integer(),
  key: publication.text(),
  repository_id: publication.nullableInteger(),
  target_id: publication.nullableInteger(),
  content_hash: publication.text(),
  state: publication.text(),
  updated_at: publication.integer(),
});

const job = columnsOf<JobRow>();
export const jobs = declareTable("jobs", {
  name: job.text(),
  installation_id: job.nullableInteger(),
  repository_id: job.nullableInteger(),
  next_run_at: job.nullableInteger(),
  last_run_at: job.nullableInteger(),
  lease_owner: job.nullableText(),
  lease_until: job.nullableInteger(),
});

const cursor = columnsOf<StoredBackfillCursor>();
export const backfillCursors = declareTable("backfill_cursors", {
  installation_id: cursor.integer(),
  repository_id: cursor.integer(),
  kind: cursor.text(),
  cursor: cursor.nullableText(),
  since: cursor.nullableInteger(),
  done: cursor.boolean(),
  updated_at: cursor.integer(),
});

const settings = columnsOf<KeptSettings>();
export const keptSettings = declareTable("kept_settings", {
  installation_id: settings.integer(),
  repository_id: settings.integer(),
  settings: settings.text(),
  updated_at: settings.integer(),
});

const work = columnsOf<QueuedWork>();
export const publishQueue = declareTable("publish_queue", {
  installation_id: work.integer(),
  repository_id: work.integer(),
  subject: work.text(),
  whole_milestone: work.boolean(),
  force: work.boolean(),
  version: work.integer(),
  queued_at: work.integer(),
  due_at: work.integer(),
  attempts: work.integer(),
  lease_owner: work.nullableText(),
  lease_until: work.nullableInteger(),
  last_error: work.nullableText(),
});

const session = columnsOf<DashboardSession>();
export const dashboardSessions = declareTable("dashboard_sessions", {
  id_hash: session.text(),
  login: session.text(),
  user_id: session.integer(),
  sealed_token: session.text(),
  form_token: session.text(),
  expires_at: session.integer(),
});

const purge = columnsOf<PendingPurge>();
export const pendingPurges = declareTable("pending_purges", {
  installation_id: purge.integer(),
  subject: purge.text(),
  repository_id: purge.nullableInteger(),
  full_name: purge.nullableText(),
  delivery_id: purge.text(),
  requested_at: purge.integer(),
  due_at: purge.integer(),
  attempts: purge.integer(),
  last_error: purge.nullableText(),
});
