#!/usr/bin/env node
// Regenerates fixtures/demo/deliveries.jsonl from the recorded data in fixtures/.
//
//   node scripts/build-demo.mjs
//
// One JSON object per line: {"name", "id", "payload", "at"}, sorted by "at".
// Two installations:
//   - 848733 (chdsbd/test_repo): the real webhook bodies recorded by kodiak, unchanged.
//   - 1000001 (panjf2000/ants, synthetic installation id): deliveries converted from the
//     REST API responses recorded by Apache DevLake. Each object is emitted as it was at
//     the delivery time (state, closed_at, merged_at, updated_at, ...).
// See fixtures/README.md for what is recorded and what is synthesized.
// Output is deterministic: running the script twice gives the same file.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { deliveryId } from "./delivery-id.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "fixtures");
const KODIAK_DIR = join(FIXTURES, "kodiak-deliveries");
const ANTS_DIR = join(FIXTURES, "devlake-ants-rest");
const OUT = join(FIXTURES, "demo", "deliveries.jsonl");

const KODIAK_INSTALLATION_ID = 848733;
const KODIAK_REPOSITORY = "chdsbd/test_repo";
// Synthetic: the ants data was not recorded by an app installation.
const ANTS_INSTALLATION_ID = 1000001;
const ANTS_REPOSITORY = "panjf2000/ants";
// The synthetic installation.created delivery comes this long before the first event.
const INSTALL_LEAD_MS = 60 * 1000;

// The kodiak payloads of chdsbd/test_repo, in the order GitHub sent them. The Codertocat
// examples (pull_request_event.json, pull_request_review_event.json) and the review thread
// payload (chdsbd/test_repo_local, installation 11256551) belong to other repositories.
const KODIAK_FILES = [
  "pull_request/pr_opened.json",
  "pull_request/edited.json",
  "pull_request/labeled.json",
  "pull_request/closed.json",
  "pull_request/opened_reviewers_assignees_milestone_project.json",
  "pull_request/review_requested.json",
  "pull_request/assigned.json",
  "pull_request/labeled_full.json",
  "pull_request_review/changes_requested.json",
  "pull_request_review/commented.json",
  "pull_request_review/approved.json",
  "pull_request/opened_draft.json",
  "pull_request/synchronize.json",
];

// Issue events with no webhook equivalent (or, for force pushes, no before/after SHAs to
// build a faithful `synchronize` from). Counted and reported, not emitted.
const SKIPPED_EVENTS = new Set([
  "head_ref_force_pushed",
  "subscribed",
  "mentioned",
  "referenced",
  "cross-referenced",
]);

// Sort rank of deliveries that share a timestamp: opened first, closed last.
const RANK_OPEN = 0;
const RANK_ACTIVITY = 1;
const RANK_CLOSE = 2;

const warnings = [];
const notes = {};

function warn(message) {
  warnings.push(message);
}

function tally(reason) {
  notes[reason] = (notes[reason] ?? 0) + 1;
}

function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

// Rows of a DevLake raw table; `data` holds one API object as JSON. Rows recorded twice
// (the same object id) are deduplicated, keeping the last row.
function readRawTable(file) {
  const rows = parse(readFileSync(join(ANTS_DIR, file)), { columns: true });
  const byId = new Map();
  for (const row of rows) {
    const data = JSON.parse(row.data);
    if (byId.has(data.id)) {
      tally(`duplicate row in ${file}`);
      byId.delete(data.id);
    }
    byId.set(data.id, data);
  }
  return [...byId.values()];
}

function byTimeThenId(a, b) {
  return a.created_at.localeCompare(b.created_at) || a.id - b.id;
}

const deliveries = [];

function emit({ name, payload, at, objectId, rank }) {
  deliveries.push({
    name,
    id: deliveryId(name, payload.action, objectId, at),
    payload,
    at,
    rank,
    seq: deliveries.length,
  });
}

function installationCreated(installationId, repository, at) {
  const account = repository.owner;
  emit({
    name: "installation",
    at,
    objectId: installationId,
    rank: RANK_OPEN,
    payload: {
      action: "created",
      installation: {
        id: installationId,
        account: { login: account.login, id: account.id, type: account.type },
      },
      repositories: [
        {
          id: repository.id,
          node_id: repository.node_id,
          name: repository.name,
          full_name: repository.full_name,
          private: repository.private,
        },
      ],
      sender: account,
    },
  });
}

// ---------------------------------------------------------------------------------------
// Installation 848733: chdsbd/test_repo, real kodiak payloads.

function kodiakObjectId(payload) {
  if (payload.review) {
    return `review:${payload.review.id}`;
  }
  const pr = payload.pull_request;
  const extra = payload.label ?? payload.assignee ?? payload.requested_reviewer;
  return extra ? `pr:${pr.id}:${extra.id}` : `pr:${pr.id}`;
}

function addKodiak() {
  const items = KODIAK_FILES.map((file) => {
    const payload = readJson(join(KODIAK_DIR, file));
    const name = dirname(file);
    if (payload.repository?.full_name !== KODIAK_REPOSITORY) {
      throw new Error(`${file}: not ${KODIAK_REPOSITORY}`);
    }
    if (payload.installation?.id !== KODIAK_INSTALLATION_ID) {
      throw new Error(`${file}: not installation ${KODIAK_INSTALLATION_ID}`);
    }
    const at = payload.review ? payload.review.submitted_at : payload.pull_request.updated_at;
    return { name, payload, at };
  });
  const first = Math.min(...items.map((item) => Date.parse(item.at)));
  installationCreated(
    KODIAK_INSTALLATION_ID,
    items[0].payload.repository,
    isoSeconds(first - INSTALL_LEAD_MS),
  );
  for (const { name, payload, at } of items) {
    const rank = payload.action === "opened" ? RANK_OPEN : RANK_ACTIVITY;
    emit({ name, payload, at, objectId: kodiakObjectId(payload), rank });
  }
}

// ---------------------------------------------------------------------------------------
// Installation 1000001: panjf2000/ants, converted from DevLake's REST recordings.

function addAnts() {
  const pulls = readRawTable("_raw_github_api_pull_requests.csv");
  const reviews = readRawTable("_raw_github_api_pull_request_reviews.csv");
  const issueRows = readRawTable("_raw_github_api_issues.csv");
  const comments = readRawTable("_raw_github_api_comments.csv");
  const events = readRawTable("_raw_github_api_events.csv").sort(byTimeThenId);
  const milestones = readRawTable("_raw_github_api_milestones.csv");

  const repository = pulls[0].base.repo;
  for (const pr of pulls) {
    if (pr.base.repo.full_name !== ANTS_REPOSITORY || pr.base.repo.id !== repository.id) {
      throw new Error(`PR #${pr.number} is not in ${ANTS_REPOSITORY}`);
    }
  }
  const owner = repository.owner;
  const installation = { id: ANTS_INSTALLATION_ID };

  // Full label objects by name, from every recorded issue and pull request. Issue events
  // only carry {name, color}.
  const labelsByName = new Map();
  for (const item of [...pulls, ...issueRows, ...events.map((e) => e.issue)]) {
    for (const label of item.labels ?? []) {
      if (!labelsByName.has(label.name) || label.id) {
        labelsByName.set(label.name, label);
      }
    }
  }

  const prByNumber = new Map(pulls.map((pr) => [pr.number, pr]));

  // Issues (including the issue side of pull requests) by number: from the issues table,
  // then the issue objects embedded in issue events for issues that table does not hold.
  const issueByNumber = new Map();
  for (const issue of issueRows) {
    issueByNumber.set(issue.number, issue);
  }
  for (const event of events) {
    if (!issueByNumber.has(event.issue.number)) {
      issueByNumber.set(event.issue.number, event.issue);
    }
  }

  // Per-number history derived from issue events, used to give objects as of a time.
  const history = new Map();
  const historyOf = (number) => {
    if (!history.has(number)) {
      history.set(number, {
        labeledAt: new Map(),
        assignedAt: new Map(),
        rename: null,
        readyForReviewAt: null,
        closeEvents: [],
      });
    }
    return history.get(number);
  };
  for (const event of events) {
    const h = historyOf(event.issue.number);
    if (event.event === "labeled" && !h.labeledAt.has(event.label.name)) {
      h.labeledAt.set(event.label.name, event.created_at);
    } else if (event.event === "assigned" && !h.assignedAt.has(event.assignee.login)) {
      h.assignedAt.set(event.assignee.login, event.created_at);
    } else if (event.event === "renamed") {
      h.rename = { at: event.created_at, ...event.rename };
    } else if (event.event === "ready_for_review") {
      h.readyForReviewAt = event.created_at;
    } else if (event.event === "closed") {
      h.closeEvents.push(event);
    }
  }

  const commentTimes = new Map();
  for (const comment of comments) {
    const number = Number(comment.issue_url.split("/").pop());
    if (!commentTimes.has(number)) {
      commentTimes.set(number, []);
    }
    commentTimes.get(number).push(comment.created_at);
  }

  const closedAsOf = (object, at) => object.closed_at !== null && object.closed_at <= at;

  // Labels, assignees and title as of `at`, where issue events say when they changed.
  function withHistory(object, at) {
    const h = history.get(object.number);
    const out = { ...object };
    if (h) {
      out.labels = object.labels.filter((l) => (h.labeledAt.get(l.name) ?? "") <= at);
      out.assignees = object.assignees.filter((a) => (h.assignedAt.get(a.login) ?? "") <= at);
      if (object.assignee && !out.assignees.some((a) => a.id === object.assignee.id)) {
        out.assignee = out.assignees[0] ?? null;
      }
      if (h.rename && at < h.rename.at && object.title === h.rename.to) {
        out.title = h.rename.from;
      }
    }
    // A milestone cannot be set before it was created.
    if (object.milestone && object.milestone.created_at > at) {
      out.milestone = null;
    }
    return out;
  }

  function prAsOf(pr, at) {
    const closed = closedAsOf(pr, at);
    const mergedAt = pr.merged_at !== null && pr.merged_at <= at ? pr.merged_at : null;
    const out = withHistory(pr, at);
    out.state = closed ? "closed" : "open";
    out.updated_at = at;
    out.closed_at = closed ? pr.closed_at : null;
    out.merged_at = mergedAt;
    out.merged = mergedAt !== null;
    const readyAt = history.get(pr.number)?.readyForReviewAt;
    if (readyAt && at < readyAt) {
      out.draft = true;
    }
    return out;
  }

  function issueAsOf(issue, at) {
    const closed = closedAsOf(issue, at);
    const out = withHistory(issue, at);
    out.state = closed ? "closed" : "open";
    out.updated_at = at;
    out.closed_at = closed ? issue.closed_at : null;
    if ("state_reason" in issue) {
      out.state_reason = closed ? issue.state_reason : null;
    }
    if (issue.pull_request) {
      const mergedAt = issue.pull_request.merged_at;
      out.pull_request = {
        ...issue.pull_request,
        merged_at: mergedAt && mergedAt <= at ? mergedAt : null,
      };
    }
    // Only the comments recorded in the fixtures can be counted.
    out.comments = (commentTimes.get(issue.number) ?? []).filter((t) => t <= at).length;
    return out;
  }

  function pullRequestDelivery(pr, { action, at, sender, rank, extra = {}, objectId }) {
    emit({
      name: "pull_request",
      at,
      objectId: objectId ?? `pr:${pr.id}`,
      rank,
      payload: {
        action,
        number: pr.number,
        pull_request: prAsOf(pr, at),
        ...extra,
        repository,
        sender,
        installation,
      },
    });
  }

  function issuesDelivery(issue, { action, at, sender, rank, extra = {}, objectId }) {
    emit({
      name: "issues",
      at,
      objectId: objectId ?? `issue:${issue.id}`,
      rank,
      payload: {
        action,
        issue: issueAsOf(issue, at),
        ...extra,
        repository,
        sender,
        installation,
      },
    });
  }

  // A `closed` issue event for the object's final closure (GitHub records the event and
  // closed_at up to a second apart), whose actor is the sender of the closed delivery.
  function closeEventFor(object) {
    const events = history.get(object.number)?.closeEvents ?? [];
    return events.find(
      (event) => Math.abs(Date.parse(event.created_at) - Date.parse(object.closed_at)) <= 5000,
    );
  }

  const first = Math.min(
    ...pulls.map((pr) => Date.parse(pr.created_at)),
    ...[...issueByNumber.values()].map((issue) => Date.parse(issue.created_at)),
  );
  installationCreated(ANTS_INSTALLATION_ID, repository, isoSeconds(first - INSTALL_LEAD_MS));

  // Pull requests: opened at created_at, closed at closed_at.
  for (const pr of [...pulls].sort((a, b) => a.number - b.number)) {
    pullRequestDelivery(pr, {
      action: "opened",
      at: pr.created_at,
      sender: pr.user,
      rank: RANK_OPEN,
    });
    if (pr.closed_at !== null) {
      const event = closeEventFor(pr);
      if (!event) {
        tally("closed pull request without a close event: sender set to the repository owner");
      }
      pullRequestDelivery(pr, {
        action: "closed",
        at: pr.closed_at,
        sender: event?.actor ?? owner,
        rank: RANK_CLOSE,
      });
    }
  }

  // Non-PR issues: opened at created_at, closed at closed_at.
  const issues = [...issueByNumber.values()]
    .filter((issue) => !issue.pull_request)
    .sort((a, b) => a.number - b.number);
  for (const issue of issues) {
    issuesDelivery(issue, {
      action: "opened",
      at: issue.created_at,
      sender: issue.user,
      rank: RANK_OPEN,
    });
    if (issue.closed_at !== null) {
      const event = closeEventFor(issue);
      if (!event) {
        tally("closed issue without a close event: sender set to the repository owner");
      }
      issuesDelivery(issue, {
        action: "closed",
        at: issue.closed_at,
        sender: event?.actor ?? owner,
        rank: RANK_CLOSE,
      });
    }
  }

  // Issue events that have a webhook action.
  for (const event of events) {
    const number = event.issue.number;
    const pr = prByNumber.get(number);
    const issue = issueByNumber.get(number);
    const isPullRequest = Boolean(event.issue.pull_request);
    const objectId = `event:${event.id}`;
    if (SKIPPED_EVENTS.has(event.event)) {
      tally(`skipped issue event ${event.event} (no webhook equivalent)`);
      continue;
    }
    if (isPullRequest && !pr) {
      warn(`issue event ${event.id} (${event.event}) on pull request #${number}, not recorded`);
      continue;
    }
    if (event.event === "closed") {
      if (!closeEventFor(pr ?? issue) || closeEventFor(pr ?? issue).id !== event.id) {
        warn(`closed event ${event.id} on #${number} does not match its closed_at`);
      }
      continue; // Folded into the closed delivery above.
    }
    // The same action on a pull request or an issue, at the event's time.
    const deliver = (action, sender, extra = {}) => {
      const options = {
        action,
        at: event.created_at,
        sender,
        rank: RANK_ACTIVITY,
        extra,
        objectId,
      };
      if (isPullRequest) {
        pullRequestDelivery(pr, options);
      } else {
        issuesDelivery(issue, options);
      }
    };
    if (event.event === "labeled") {
      deliver("labeled", event.actor, { label: labelsByName.get(event.label.name) ?? event.label });
    } else if (event.event === "assigned") {
      deliver("assigned", event.assigner ?? event.actor, { assignee: event.assignee });
    } else if (event.event === "renamed") {
      deliver("edited", event.actor, { changes: { title: { from: event.rename.from } } });
    } else if (event.event === "ready_for_review" && isPullRequest) {
      deliver("ready_for_review", event.actor);
    } else {
      tally(`skipped issue event ${event.event} (no webhook equivalent)`);
    }
  }

  // Reviews: pull_request_review.submitted at submitted_at.
  for (const review of [...reviews].sort((a, b) => a.id - b.id)) {
    const number = Number(review.pull_request_url.split("/").pop());
    const pr = prByNumber.get(number);
    if (!pr) {
      warn(`review ${review.id} on pull request #${number}, not recorded`);
      continue;
    }
    const at = review.submitted_at;
    emit({
      name: "pull_request_review",
      at,
      objectId: `review:${review.id}`,
      rank: RANK_ACTIVITY,
      payload: {
        action: "submitted",
        review: { ...review, state: review.state.toLowerCase() },
        pull_request: prAsOf(pr, at),
        repository,
        sender: review.user,
        installation,
      },
    });
  }

  // Comments: issue_comment.created at created_at, on issues and on pull requests (GitHub
  // sends PR conversation comments as issue_comment with issue.pull_request set).
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    const number = Number(comment.issue_url.split("/").pop());
    const issue = issueByNumber.get(number);
    if (!issue) {
      warn(`comment ${comment.id} on #${number}, issue not recorded`);
      continue;
    }
    const at = comment.created_at;
    emit({
      name: "issue_comment",
      at,
      objectId: `comment:${comment.id}`,
      rank: RANK_ACTIVITY,
      payload: {
        action: "created",
        issue: issueAsOf(issue, at),
        comment: { ...comment, updated_at: at },
        repository,
        sender: comment.user,
        installation,
      },
    });
  }

  // Milestones: milestone.created at created_at, with nothing in it yet.
  for (const milestone of milestones) {
    const at = milestone.created_at;
    emit({
      name: "milestone",
      at,
      objectId: `milestone:${milestone.id}`,
      rank: RANK_OPEN,
      payload: {
        action: "created",
        milestone: {
          ...milestone,
          open_issues: 0,
          closed_issues: 0,
          state: "open",
          updated_at: at,
          closed_at: null,
        },
        repository,
        sender: milestone.creator,
        installation,
      },
    });
  }
}

// ---------------------------------------------------------------------------------------

addKodiak();
addAnts();

deliveries.sort((a, b) => a.at.localeCompare(b.at) || a.rank - b.rank || a.seq - b.seq);

const ids = new Set();
for (const delivery of deliveries) {
  if (ids.has(delivery.id)) {
    throw new Error(`duplicate delivery id ${delivery.id}`);
  }
  ids.add(delivery.id);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(delivery.at)) {
    throw new Error(`unexpected time format ${delivery.at}`);
  }
}

const lines = deliveries.map(({ name, id, payload, at }) =>
  JSON.stringify({ name, id, payload, at }),
);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${lines.join("\n")}\n`);

const counts = {};
for (const { name, payload } of deliveries) {
  const key = `${name}.${payload.action}`;
  counts[key] = (counts[key] ?? 0) + 1;
}
console.log(`wrote ${deliveries.length} deliveries to ${OUT}`);
console.log(`from ${deliveries[0].at} to ${deliveries.at(-1).at}`);
for (const key of Object.keys(counts).sort()) {
  console.log(`  ${key}: ${counts[key]}`);
}
console.log("notes:");
for (const reason of Object.keys(notes).sort()) {
  console.log(`  ${reason}: ${notes[reason]}`);
}
for (const message of warnings) {
  console.warn(`warning: ${message}`);
}
