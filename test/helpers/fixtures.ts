import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Delivery } from "../../src/ingest/index.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

export function readJson(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, relative), "utf8"));
}

/** Reads a JSON-lines delivery stream from fixtures/. */
export function readDeliveryStream(relative: string): Delivery[] {
  return readFileSync(join(FIXTURES, relative), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const value = JSON.parse(line) as { name: string; id: string; payload: unknown; at?: string };
      return {
        name: value.name,
        id: value.id,
        payload: value.payload,
        receivedAt: Date.parse(value.at ?? "") || 0,
      };
    });
}

/** The kodiak recording of PR #9 in "test milestone", in the order GitHub sent it. */
export function kodiakChain(): Delivery[] {
  const files = [
    ["pull_request", "opened_reviewers_assignees_milestone_project"],
    ["pull_request", "review_requested"],
    ["pull_request", "assigned"],
    ["pull_request_review", "changes_requested"],
    ["pull_request_review", "commented"],
    ["pull_request_review", "approved"],
  ] as const;
  return files.map(([name, file], i) => ({
    name,
    id: `kodiak-${i}`,
    payload: readJson(`kodiak-deliveries/${name}/${file}.json`),
    receivedAt: Date.parse("2019-05-01T03:30:00Z"),
  }));
}

/** A deterministic shuffle (mulberry32), so a failing order can be reproduced. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The owner's `.github` repository added to an installation: the app reads the owner's file
 * only through an installation that has it, and keeps its settings as that repository's.
 */
export function organizationRepositoryAdded(
  installationId: number,
  owner: string,
  repositoryId: number,
): Delivery {
  return {
    name: "installation_repositories",
    id: `organization-repository-${installationId}`,
    payload: {
      action: "added",
      installation: { id: installationId, account: { login: owner, type: "Organization" } },
      repositories_added: [{ id: repositoryId, full_name: `${owner}/.github`, private: false }],
      repositories_removed: [],
    },
    receivedAt: Date.parse("2019-05-01T00:00:00Z"),
  };
}
