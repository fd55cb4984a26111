import { type PersonLadder, personLadder } from "../reports/index.js";
import type { Store } from "../store/index.js";
import type { ReportRequest } from "./build-review-activity-report.js";
import { loadReportInput } from "./load-report-input.js";

/** Loads what one person's ladder lines need from the store (no GitHub calls) and judges them. */
export async function buildPersonLadder(
  store: Store,
  request: ReportRequest,
  login: string,
): Promise<PersonLadder> {
  return personLadder(await loadReportInput(store, request), login);
}
