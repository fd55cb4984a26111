#!/usr/bin/env node
// Converts the GitHub GraphQL pull requests of apache/incubator-devlake recorded by Apache
// DevLake (fixtures/devlake-graphql-prs/_raw_github_graphql_prs.csv) into webhook deliveries:
// fixtures/devlake-graphql-prs/deliveries.jsonl.
//
//   node scripts/build-devlake-deliveries.mjs
//
// One JSON object per line: {"name", "id", "payload", "at"}, sorted by "at", the same
// format as fixtures/demo/deliveries.jsonl. Installation 1000002 is synthetic. Each pull
// request is emitted as it was at the delivery time (state, closed_at, merged_at, merged,
// merge_commit_sha, updated_at). See fixtures/README.md. Output is deterministic.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { deliveryId } from "./delivery-id.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIR = join(ROOT, "fixtures", "devlake-graphql-prs");
const IN = join(DIR, "_raw_github_graphql_prs.csv");
const OUT = join(DIR, "deliveries.jsonl");

const INSTALLATION_ID = 1000002; // Synthetic.
const OWNER = "apache";
const NAME = "incubator-devlake";
const FULL_NAME = `${OWNER}/${NAME}`;
const API = "https://api.github.com";
// Not in the recording: the public id of the apache organization (api.github.com/orgs/apache).
const OWNER_ID = 47359;

// The recording's query asks for authors with `... on User { ... }`, so a Bot author comes
// back with every field empty, exactly like a deleted account. The only PRs with a blank
// author are the ones the repository's "Auto Cherry Pick" workflow opens with `gh pr create`
// and the workflow token (head branch `release-<version>-auto-cherry-pick-<number>`), so
// their author is the GitHub Actions bot. Any other blank account maps to `ghost`, which is
// how GitHub shows a deleted account.
const AUTO_CHERRY_PICK_BRANCH = /^release-.+-auto-cherry-pick-\d+$/;
const GITHUB_ACTIONS_BOT = {
  login: "github-actions[bot]",
  id: 41898282,
  node_id: "MDM6Qm90NDE4OTgyODI=",
  url: `${API}/users/github-actions%5Bbot%5D`,
  html_url: "https://github.com/apps/github-actions",
  type: "Bot",
};
const GHOST = {
  login: "ghost",
  id: 10137,
  node_id: "MDQ6VXNlcjEwMTM3",
  url: `${API}/users/ghost`,
  html_url: "https://github.com/ghost",
  type: "User",
};

const RANK_OPEN = 0;
const RANK_ACTIVITY = 1;
const RANK_CLOSE = 2;

const stats = {
  blankPrAuthorsAsBot: 0,
  blankPrAuthorsAsGhost: 0,
  blankReviewAuthors: 0,
  blankMergedBy: 0,
};

// Decodes a GraphQL global id into { repositoryId, id }. New-style ids such as
// "LA_kwDOFuUSzs7Kb8bt" are base64url of a MessagePack array [0, repository id, object id]
// (only the unsigned integer forms GitHub uses); legacy ids such as
// "MDU6TGFiZWwzMjUwNjg3MjMy" are base64 of "05:Label3250687232" and name no repository.
function decodeNodeId(nodeId) {
  const legacy = /^\d+:[A-Za-z]+(\d+)$/.exec(Buffer.from(nodeId, "base64").toString("latin1"));
  if (legacy) {
    return { repositoryId: null, id: Number(legacy[1]) };
  }
  const bytes = Buffer.from(nodeId.slice(nodeId.indexOf("_") + 1), "base64url");
  if ((bytes[0] & 0xf0) !== 0x90) {
    throw new Error(`not a MessagePack array: ${nodeId}`);
  }
  const values = [];
  let offset = 1;
  for (let i = 0; i < (bytes[0] & 0x0f); i++) {
    const tag = bytes[offset];
    if (tag <= 0x7f) {
      values.push(tag);
      offset += 1;
    } else if (tag === 0xcc) {
      values.push(bytes.readUInt8(offset + 1));
      offset += 2;
    } else if (tag === 0xcd) {
      values.push(bytes.readUInt16BE(offset + 1));
      offset += 3;
    } else if (tag === 0xce) {
      values.push(bytes.readUInt32BE(offset + 1));
      offset += 5;
    } else if (tag === 0xcf) {
      values.push(Number(bytes.readBigUInt64BE(offset + 1)));
      offset += 9;
    } else {
      throw new Error(`unsupported MessagePack tag ${tag} in ${nodeId}`);
    }
  }
  if (values.length !== 3) {
    throw new Error(`unexpected global id layout: ${nodeId}`);
  }
  return { repositoryId: values[1], id: values[2] };
}

function user(account) {
  return {
    login: account.Login,
    id: account.Id,
    avatar_url: account.AvatarUrl,
    url: `${API}/users/${account.Login}`,
    html_url: account.HtmlUrl,
    type: "User",
  };
}

function isBlank(account) {
  return !account?.Login;
}

const rows = parse(readFileSync(IN), { columns: true });
const pulls = rows.map((row) => JSON.parse(row.data));

// The repository id, from the new-style label node ids (they all name one repository).
const repositoryIds = new Set(
  pulls
    .flatMap((pr) => pr.Labels.Nodes.map((label) => decodeNodeId(label.Id).repositoryId))
    .filter((id) => id !== null),
);
if (repositoryIds.size !== 1) {
  throw new Error(`label node ids name ${repositoryIds.size} repositories`);
}
const repository = {
  id: [...repositoryIds][0],
  name: NAME,
  full_name: FULL_NAME,
  private: false,
  owner: {
    login: OWNER,
    id: OWNER_ID,
    url: `${API}/users/${OWNER}`,
    html_url: `https://github.com/${OWNER}`,
    type: "Organization",
  },
  html_url: `https://github.com/${FULL_NAME}`,
  url: `${API}/repos/${FULL_NAME}`,
};
const installation = { id: INSTALLATION_ID };

function resolveAuthor(pr) {
  if (!isBlank(pr.Author)) {
    return user(pr.Author);
  }
  if (AUTO_CHERRY_PICK_BRANCH.test(pr.HeadRefName)) {
    stats.blankPrAuthorsAsBot++;
    return GITHUB_ACTIONS_BOT;
  }
  stats.blankPrAuthorsAsGhost++;
  return GHOST;
}

const authors = new Map();

function author(pr) {
  if (!authors.has(pr.Number)) {
    authors.set(pr.Number, resolveAuthor(pr));
  }
  return authors.get(pr.Number);
}

function requestedReviewers(pr) {
  const users = [];
  const teams = [];
  for (const node of pr.ReviewRequests.Nodes) {
    const reviewer = node.RequestedReviewer;
    // DevLake fills both the User and the Team struct; a team has a slug, a user a login.
    if (reviewer.User?.Login) {
      users.push({
        login: reviewer.User.Login,
        id: reviewer.User.Id,
        url: `${API}/users/${reviewer.User.Login}`,
        html_url: `https://github.com/${reviewer.User.Login}`,
        type: "User",
      });
    } else if (reviewer.Team?.Slug) {
      teams.push({ id: reviewer.Team.Id, name: reviewer.Team.Name, slug: reviewer.Team.Slug });
    }
  }
  return { users, teams };
}

/**
 * The recording has database ids only; GitHub's legacy node id is derived from them
 * (base64 of "0<length of type>:<Type><id>"), as webhooks for older objects carry.
 */
function legacyNodeId(type, id) {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

function pullRequestAsOf(pr, at) {
  const closed = pr.ClosedAt !== null && pr.ClosedAt <= at;
  const mergedAt = pr.MergedAt !== null && pr.MergedAt <= at ? pr.MergedAt : null;
  const assignees = pr.Assignees.Assignees.map(user);
  const requested = requestedReviewers(pr);
  return {
    url: `${API}/repos/${FULL_NAME}/pulls/${pr.Number}`,
    id: pr.DatabaseId,
    node_id: legacyNodeId("PullRequest", pr.DatabaseId),
    html_url: pr.Url,
    number: pr.Number,
    state: closed ? "closed" : "open",
    title: pr.Title,
    user: author(pr),
    body: pr.Body,
    created_at: pr.CreatedAt,
    updated_at: at,
    closed_at: closed ? pr.ClosedAt : null,
    merged_at: mergedAt,
    merge_commit_sha: mergedAt ? (pr.MergeCommit?.Oid ?? null) : null,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: requested.users,
    requested_teams: requested.teams,
    labels: pr.Labels.Nodes.map((label) => ({
      id: decodeNodeId(label.Id).id,
      node_id: label.Id,
      url: `${API}/repos/${FULL_NAME}/labels/${encodeURIComponent(label.Name)}`,
      name: label.Name,
    })),
    milestone: null,
    draft: pr.IsDraft,
    head: { ref: pr.HeadRefName, sha: pr.HeadRefOid },
    base: { ref: pr.BaseRefName, sha: pr.BaseRefOid, repo: repository },
    merged: mergedAt !== null,
    merged_by: mergedAt ? mergedBy(pr) : null,
    commits: pr.Commits.TotalCount,
    additions: pr.Additions,
    deletions: pr.Deletions,
  };
}

function mergedBy(pr) {
  if (isBlank(pr.MergedBy)) {
    return GHOST;
  }
  return user(pr.MergedBy);
}

const deliveries = [];

function emit(name, payload, at, objectId, rank) {
  deliveries.push({
    name,
    id: deliveryId(name, payload.action, objectId, at),
    payload,
    at,
    rank,
    seq: deliveries.length,
  });
}

function pullRequestDelivery(
  pr,
  action,
  at,
  sender,
  rank,
  extra = {},
  objectId = `pr:${pr.DatabaseId}`,
) {
  const payload = {
    action,
    number: pr.Number,
    pull_request: pullRequestAsOf(pr, at),
    ...extra,
    repository,
    sender,
    installation,
  };
  emit("pull_request", payload, at, objectId, rank);
}

const reviewers = new Set();
let reviewCount = 0;
const reviewStates = {};
let reviewRequestCount = 0;

for (const pr of [...pulls].sort((a, b) => a.Number - b.Number)) {
  const opener = author(pr);
  pullRequestDelivery(pr, "opened", pr.CreatedAt, opener, RANK_OPEN);

  // Requests still pending when recorded; when they were made is not recorded, so they
  // are delivered right after the PR was opened, by its author.
  for (const reviewer of requestedReviewers(pr).users) {
    reviewRequestCount++;
    pullRequestDelivery(
      pr,
      "review_requested",
      pr.CreatedAt,
      opener,
      RANK_ACTIVITY,
      { requested_reviewer: reviewer },
      `pr:${pr.DatabaseId}:reviewer:${reviewer.id}`,
    );
  }

  for (const node of pr.Reviews.Nodes) {
    reviewCount++;
    reviewStates[node.state] = (reviewStates[node.state] ?? 0) + 1;
    let reviewer;
    if (isBlank(node.Author)) {
      stats.blankReviewAuthors++;
      reviewer = GHOST;
    } else {
      reviewer = user(node.Author);
      reviewers.add(reviewer.login);
    }
    const at = node.submittedAt;
    const review = {
      id: node.databaseId,
      node_id: legacyNodeId("PullRequestReview", node.databaseId),
      user: reviewer,
      body: node.Body,
      commit_id: node.Commit?.Oid ?? null,
      submitted_at: at,
      state: node.state.toLowerCase(),
      html_url: `${pr.Url}#pullrequestreview-${node.databaseId}`,
      pull_request_url: `${API}/repos/${FULL_NAME}/pulls/${pr.Number}`,
    };
    const payload = {
      action: "submitted",
      review,
      pull_request: pullRequestAsOf(pr, at),
      repository,
      sender: reviewer,
      installation,
    };
    emit("pull_request_review", payload, at, `review:${node.databaseId}`, RANK_ACTIVITY);
  }

  if (pr.ClosedAt !== null) {
    if (pr.MergedAt !== null && isBlank(pr.MergedBy)) {
      stats.blankMergedBy++;
    }
    // Who closed an unmerged PR is not recorded: the author is used.
    const sender = pr.MergedAt !== null ? mergedBy(pr) : opener;
    pullRequestDelivery(pr, "closed", pr.ClosedAt, sender, RANK_CLOSE);
  }
}

deliveries.sort((a, b) => a.at.localeCompare(b.at) || a.rank - b.rank || a.seq - b.seq);
const ids = new Set(deliveries.map((delivery) => delivery.id));
if (ids.size !== deliveries.length) {
  throw new Error("duplicate delivery ids");
}
const lines = deliveries.map(({ name, id, payload, at }) =>
  JSON.stringify({ name, id, payload, at }),
);
writeFileSync(OUT, `${lines.join("\n")}\n`);

const counts = {};
for (const { name, payload } of deliveries) {
  const key = `${name}.${payload.action}`;
  counts[key] = (counts[key] ?? 0) + 1;
}
const merged = pulls.filter((pr) => pr.MergedAt !== null).length;
const closedUnmerged = pulls.filter((pr) => pr.ClosedAt !== null && pr.MergedAt === null).length;
const open = pulls.filter((pr) => pr.ClosedAt === null).length;
console.log(`wrote ${deliveries.length} deliveries to ${OUT}`);
console.log(`from ${deliveries[0].at} to ${deliveries.at(-1).at}`);
for (const key of Object.keys(counts).sort()) {
  console.log(`  ${key}: ${counts[key]}`);
}
console.log(
  `pull requests: ${pulls.length} (merged ${merged}, closed unmerged ${closedUnmerged}, open ${open})`,
);
console.log(
  `reviews: ${reviewCount} ${JSON.stringify(reviewStates)}, distinct reviewers: ${reviewers.size}`,
);
console.log(`review requests: ${reviewRequestCount}`);
console.log(`blank authors: ${JSON.stringify(stats)}`);
