import type {
  Millis,
  PullRequestRecord,
  RepositoryRecord,
  Store,
  StoreChange,
} from "../src/store/index.js";
import { seededRandom } from "./seeded-random.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The full-size organisation of issue 6; a scale of 0.1 has a tenth of the activity. */
export const FULL_SIZE = {
  pullRequests: 200_000,
  reviews: 1_000_000,
  reviewRequests: 300_000,
  people: 500,
  repositories: 50,
};

export const ORGANISATION = {
  installationId: 1,
  owner: "bench-org",
  /** The team whose report is measured: it owns the first ten repositories. */
  team: { name: "platform", repositories: 10, members: 100 },
  /** The milestone whose release is evaluated: exactly this many pull requests, this many open. */
  release: { repository: 0, milestoneId: 9_000_001, pullRequests: 500, open: 150 },
  historyDays: 730,
};

export interface GeneratedOrganisation {
  now: Millis;
  repositories: RepositoryRecord[];
  teamRepositories: RepositoryRecord[];
  teamMembers: string[];
  releaseRepository: RepositoryRecord;
  counts: { pullRequests: number; reviews: number; reviewRequests: number };
}

export const person = (index: number) => `dev${String(index).padStart(3, "0")}`;

/**
 * Fills `store` with two years of an organisation's review activity through the same
 * `applyChanges` backfill uses (so rows are exactly what ingest would keep): 50 repositories,
 * 500 people (30 active per repository), and `scale` times 200,000 pull requests, 1,000,000
 * reviews and 300,000 review requests, plus one milestone of exactly 500 pull requests.
 */
export async function generateOrganisation(
  store: Store,
  options: { scale: number; now: Millis; onProgress?: (done: number) => void },
): Promise<GeneratedOrganisation> {
  const { scale, now } = options;
  const random = seededRandom(2026_11_27);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const { installationId, owner } = ORGANISATION;
  const repositories: RepositoryRecord[] = Array.from(
    { length: FULL_SIZE.repositories },
    (_, r) => ({
      installationId,
      repositoryId: 100_000 + r,
      fullName: `${owner}/service-${String(r).padStart(2, "0")}`,
      private: false,
    }),
  );
  // Thirty people work in each repository; neighbouring repositories share some of them.
  const contributors = repositories.map((_, r) =>
    Array.from({ length: 30 }, (_, i) => person((r * 10 + i) % FULL_SIZE.people)),
  );
  const pullRequestTotal = Math.round(FULL_SIZE.pullRequests * scale);
  const reviewsPerPullRequest = FULL_SIZE.reviews / FULL_SIZE.pullRequests;
  const requestsPerPullRequest = FULL_SIZE.reviewRequests / FULL_SIZE.pullRequests;
  const counts = { pullRequests: 0, reviews: 0, reviewRequests: 0 };

  let batch: StoreChange[] = [
    {
      kind: "installation",
      record: {
        installationId,
        accountLogin: owner,
        accountType: "Organization",
        suspended: false,
        updatedAt: now - ORGANISATION.historyDays * DAY,
      },
    },
    ...repositories.map((record) => ({ kind: "repository" as const, record })),
  ];
  const flush = async (force = false) => {
    if (batch.length < 20_000 && !force) return;
    await store.applyChanges(batch);
    batch = [];
    options.onProgress?.(counts.pullRequests);
  };

  // A milestone per repository and month, due at the end of it.
  const monthStart = (at: Millis) => {
    const d = new Date(at);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  const milestoneOf = (r: number, at: Millis) => {
    const start = monthStart(at);
    const d = new Date(start);
    return { id: (r + 1) * 1_000 + d.getUTCFullYear() * 12 + d.getUTCMonth() - 24_000, start };
  };
  const milestones = new Map<number, StoreChange>();
  const ensureMilestone = (r: number, at: Millis): number => {
    const { id, start } = milestoneOf(r, at);
    if (!milestones.has(id)) {
      const end = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1);
      const change: StoreChange = {
        kind: "milestone",
        record: {
          installationId,
          repositoryId: (repositories[r] as RepositoryRecord).repositoryId,
          milestoneId: id,
          number: milestones.size + 1,
          title: `${new Date(start).toISOString().slice(0, 7)} release`,
          state: end < now ? "closed" : "open",
          dueOn: end - DAY + 7 * HOUR,
          closedAt: end < now ? end : null,
          updatedAt: Math.min(end, now),
        },
      };
      milestones.set(id, change);
      batch.push(change);
    }
    return id;
  };

  const addPullRequest = (
    r: number,
    n: number,
    createdAt: Millis,
    open: boolean,
    milestoneId: number | null,
  ) => {
    const repository = repositories[r] as RepositoryRecord;
    const people = contributors[r] as string[];
    const author = pick(people);
    const pullRequestId = repository.repositoryId * 10_000 + n;
    // Whole milliseconds, as GitHub's times are (PostgreSQL keeps them in BIGINT columns).
    const closedAt = open
      ? null
      : Math.round(Math.min(now - HOUR, createdAt + (1 + random() * 120) * HOUR));
    const merged = closedAt !== null && random() < 0.94;
    const record: PullRequestRecord = {
      installationId,
      repositoryId: repository.repositoryId,
      pullRequestId,
      nodeId: `PR_bench_${pullRequestId}`,
      number: n,
      title: `Change ${n} of ${repository.fullName}`,
      author: { login: author, type: "User" },
      authorAssociation: "MEMBER",
      draft: false,
      state: open ? "open" : "closed",
      createdAt,
      updatedAt: closedAt ?? createdAt + HOUR,
      closedAt,
      mergedAt: merged ? closedAt : null,
      mergedBy: merged ? pick(people) : null,
      milestoneId,
      headSha: `sha${pullRequestId.toString(16)}`,
      headRef: `change-${n}`,
      baseRef: "main",
      labels: random() < 0.2 ? ["bug"] : [],
    };
    batch.push({ kind: "pull_request", record });
    counts.pullRequests += 1;
    const end = closedAt ?? now;
    const others = people.filter((p) => p !== author);
    // Whole numbers of requests and reviews whose averages are 1.5 and 5 per pull request.
    const requests =
      Math.floor(requestsPerPullRequest) + (random() < requestsPerPullRequest % 1 ? 1 : 0);
    for (let i = 0; i < requests; i++) {
      batch.push({
        kind: "review_requested",
        record: {
          installationId,
          repositoryId: record.repositoryId,
          pullRequestId,
          reviewer: others[(i * 7 + n) % others.length] as string,
          reviewerType: "User",
          at: createdAt + (i + 1) * 60_000,
          by: author,
        },
      });
      counts.reviewRequests += 1;
    }
    const reviews = 2 + Math.floor(random() * (2 * reviewsPerPullRequest - 3));
    for (let i = 0; i < reviews; i++) {
      const roll = random();
      batch.push({
        kind: "review",
        record: {
          installationId,
          repositoryId: record.repositoryId,
          pullRequestId,
          reviewId: counts.reviews + 1,
          reviewer: { login: pick(others), type: "User" },
          state: roll < 0.45 ? "COMMENTED" : roll < 0.85 ? "APPROVED" : "CHANGES_REQUESTED",
          dismissed: false,
          submittedAt: Math.round(createdAt + (end - createdAt) * ((i + random()) / (reviews + 1))),
          commitId: record.headSha,
          authorAssociation: "MEMBER",
        },
      });
      counts.reviews += 1;
    }
  };

  // The release: 500 pull requests of the first repository in one milestone due in three days.
  const release = ORGANISATION.release;
  const releaseRepository = repositories[release.repository] as RepositoryRecord;
  batch.push({
    kind: "milestone",
    record: {
      installationId,
      repositoryId: releaseRepository.repositoryId,
      milestoneId: release.milestoneId,
      number: 9_001,
      title: "v10.0",
      state: "open",
      dueOn: now + 3 * DAY,
      closedAt: null,
      updatedAt: now - DAY,
    },
  });
  const perRepository = new Array<number>(repositories.length).fill(0);
  for (let i = 0; i < release.pullRequests; i++) {
    const n = ++(perRepository[release.repository] as number);
    const createdAt = Math.round(now - 45 * DAY + random() * 44 * DAY);
    addPullRequest(release.repository, n, createdAt, i < release.open, release.milestoneId);
    await flush();
  }
  for (let i = release.pullRequests; i < pullRequestTotal; i++) {
    const r = Math.floor(random() * repositories.length);
    const n = ++(perRepository[r] as number);
    const createdAt =
      now -
      ORGANISATION.historyDays * DAY +
      Math.round(random() * (ORGANISATION.historyDays * DAY - HOUR));
    const recent = now - createdAt < 14 * DAY;
    const open = random() < (recent ? 0.4 : 0.03);
    const milestoneId = random() < 0.3 ? ensureMilestone(r, createdAt) : null;
    addPullRequest(r, n, createdAt, open, milestoneId);
    await flush();
  }
  await flush(true);

  const team = ORGANISATION.team;
  const teamRepositories = repositories.slice(0, team.repositories);
  const teamMembers = [...new Set(contributors.slice(0, team.repositories).flat())].slice(
    0,
    team.members,
  );
  return { now, repositories, teamRepositories, teamMembers, releaseRepository, counts };
}
