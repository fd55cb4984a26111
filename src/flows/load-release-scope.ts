import { checkRunPublicationKey, type PublishContext } from "../publish/index.js";
import {
  milestoneIssueKey,
  releaseGateExternalId,
  releaseReadinessExternalId,
} from "../release/index.js";
import type { MilestoneRow, PullRequestRow, RepositoryRecord } from "../store/index.js";

/** Which part of a repository to re-evaluate. */
export interface ReleaseReadinessScope {
  repository: RepositoryRecord;
  /** Pull requests whose `Release readiness` check is re-published. */
  pullRequestIds?: number[];
  /** Open pull requests with these head SHAs, too (check re-runs on forks name no pull request). */
  headShas?: string[];
  /** Milestones whose release gates and issue are re-published; the pull requests' own are added. */
  milestoneIds?: number[];
  /** A milestone changed: re-publish the readiness of every open pull request in it, too. */
  wholeMilestones?: boolean;
  /** Every open pull request and every milestone of the repository (the daily run). */
  everything?: boolean;
  /** Send check runs of the named pull requests even when unchanged (a re-run was requested). */
  force?: boolean;
}

/** What a scope covers, read from the store: the pull requests, milestones and what was published. */
export interface ReleaseScope {
  /** The open pull requests asked for, by id. */
  requested: Map<number, PullRequestRow>;
  milestones: Map<number, MilestoneRow>;
  /** Every pull request of each milestone, open or not. */
  members: Map<number, PullRequestRow[]>;
  /** Pull requests whose `Release readiness` check is due (scheduled, or posted before). */
  readinessCandidates: PullRequestRow[];
  /** Pull requests whose `Release gate` check may be due. */
  gateCandidates: Map<number, PullRequestRow>;
  /** Milestones whose issue is open on GitHub. */
  issueKnown: Map<number, boolean>;
  /** Whether anything in scope concerns a release (else the config is not even loaded). */
  needsConfig: boolean;
  /** Whether this check was published for the pull request's head. */
  published(externalId: string, pr: PullRequestRow): Promise<boolean>;
  openMembers(milestoneId: number): PullRequestRow[];
}

/** A milestone that exists and is not deleted. */
export function isUsable(milestone: MilestoneRow | undefined): milestone is MilestoneRow {
  return milestone !== undefined && milestone.deletedAt === null;
}

async function anyAsync<T>(items: T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}

/** The pull requests a scope names: asked for by id, by head SHA, or all open ones. */
async function requestedPullRequests(
  { store, installationId }: PublishContext,
  scope: ReleaseReadinessScope,
  inRepository: (pr: PullRequestRow | undefined) => pr is PullRequestRow,
): Promise<Map<number, PullRequestRow>> {
  const repositoryId = scope.repository.repositoryId;
  const requested = new Map<number, PullRequestRow>();
  const openPullRequests =
    scope.everything || (scope.headShas?.length ?? 0) > 0
      ? await store.listOpenPullRequests(installationId, repositoryId)
      : [];
  if (scope.everything) for (const pr of openPullRequests) requested.set(pr.pullRequestId, pr);
  for (const id of scope.pullRequestIds ?? []) {
    const pr = await store.getPullRequest(installationId, id);
    if (inRepository(pr)) requested.set(pr.pullRequestId, pr);
  }
  const shas = new Set(scope.headShas ?? []);
  for (const pr of openPullRequests) if (shas.has(pr.headSha)) requested.set(pr.pullRequestId, pr);
  return requested;
}

/** Reads from the store what a scope covers; nothing is evaluated or published. */
export async function loadReleaseScope(
  context: PublishContext,
  scope: ReleaseReadinessScope,
): Promise<ReleaseScope> {
  const { store, installationId } = context;
  const repositoryId = scope.repository.repositoryId;
  const inRepository = (pr: PullRequestRow | undefined): pr is PullRequestRow =>
    pr !== undefined && pr.repositoryId === repositoryId && pr.state === "open";
  const requested = await requestedPullRequests(context, scope, inRepository);

  const milestoneIds = new Set(scope.milestoneIds ?? []);
  if (scope.everything)
    for (const m of await store.listMilestones(installationId, repositoryId))
      milestoneIds.add(m.milestoneId);
  for (const pr of requested.values())
    if (pr.milestoneId !== null) milestoneIds.add(pr.milestoneId);
  const milestones = new Map<number, MilestoneRow>();
  const members = new Map<number, PullRequestRow[]>();
  for (const id of milestoneIds) {
    const milestone = await store.getMilestone(installationId, id);
    if (!milestone || milestone.repositoryId !== repositoryId) continue;
    milestones.set(id, milestone);
    members.set(id, await store.listMilestonePullRequests(installationId, id));
  }
  if (scope.wholeMilestones) {
    for (const list of members.values())
      for (const pr of list) if (inRepository(pr)) requested.set(pr.pullRequestId, pr);
  }
  const openMembers = (milestoneId: number) =>
    (members.get(milestoneId) ?? []).filter((pr) => pr.state === "open");

  const published = async (externalId: string, pr: PullRequestRow) =>
    (await store.getPublication(installationId, checkRunPublicationKey(externalId, pr.headSha))) !==
    undefined;
  const readinessCandidates: PullRequestRow[] = [];
  for (const pr of requested.values()) {
    const milestone = pr.milestoneId === null ? undefined : milestones.get(pr.milestoneId);
    const scheduled = isUsable(milestone) && milestone.dueOn !== null;
    if (scheduled || (await published(releaseReadinessExternalId(pr.nodeId), pr)))
      readinessCandidates.push(pr);
  }
  const gateCandidates = new Map<number, PullRequestRow>();
  for (const pr of requested.values()) gateCandidates.set(pr.pullRequestId, pr);
  for (const [id, milestone] of milestones)
    if (isUsable(milestone))
      for (const pr of openMembers(id)) gateCandidates.set(pr.pullRequestId, pr);
  const issueKnown = new Map<number, boolean>();
  for (const id of milestones.keys()) {
    const known = await store.getPublication(installationId, `issue:${milestoneIssueKey(id)}`);
    issueKnown.set(id, known?.state === "open");
  }
  const needsConfig =
    readinessCandidates.length > 0 ||
    [...gateCandidates.values()].some((pr) => pr.milestoneId !== null) ||
    [...issueKnown.values()].some(Boolean) ||
    (await anyAsync([...requested.values()], (pr) =>
      published(releaseGateExternalId(pr.nodeId), pr),
    ));
  return {
    requested,
    milestones,
    members,
    readinessCandidates,
    gateCandidates,
    issueKnown,
    needsConfig,
    published,
    openMembers,
  };
}
