/** The check runs this app publishes about releases; the shape writeCheckRun sends. */
export interface ReleaseCheckRun {
  name: string;
  head_sha: string;
  external_id: string;
  conclusion: "success" | "neutral" | "failure";
  output: { title: string; summary: string };
}

export const RELEASE_READINESS_CHECK = "Release readiness";
export const RELEASE_GATE_CHECK = "Release gate";

/** Stable per pull request, so the check is found again on every head SHA it is posted to. */
export function releaseReadinessExternalId(nodeId: string): string {
  return `release-readiness:${nodeId}`;
}

export function releaseGateExternalId(nodeId: string): string {
  return `release-gate:${nodeId}`;
}
