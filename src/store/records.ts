/**
 * The records that ingest and backfill produce and the store keeps. Times are epoch milliseconds
 * (UTC); logins are normalised at the edge (bots as `name[bot]`, deleted accounts as `ghost`).
 */

export type Millis = number;

export interface Actor {
  login: string;
  /** "User", "Bot", "Organization" or "Mannequin"; deleted accounts are "User" with login `ghost`. */
  type: string;
}

export interface InstallationRecord {
  installationId: number;
  accountLogin: string;
  accountType: string;
  suspended: boolean;
  /** When the installation event happened; orders created/suspend/unsuspend deliveries. */
  updatedAt: Millis;
}

export interface RepositoryRecord {
  installationId: number;
  repositoryId: number;
  fullName: string;
  private: boolean;
}

/**
 * A pull request as one payload saw it. Fields a payload does not carry are `undefined` and
 * keep what the store already has (review payloads carry no `merged_by`, for example).
 */
export interface PullRequestRecord {
  installationId: number;
  repositoryId: number;
  pullRequestId: number;
  nodeId: string;
  number: number;
  title: string;
  author: Actor;
  authorAssociation: string | undefined;
  /** `undefined` when the payload does not say (review payloads carry no `draft`). */
  draft: boolean | undefined;
  state: "open" | "closed";
  createdAt: Millis;
  /** The payload's `updated_at`: the version of this snapshot; the newest snapshot wins. */
  updatedAt: Millis;
  closedAt: Millis | null;
  mergedAt: Millis | null;
  mergedBy: string | null | undefined;
  milestoneId: number | null;
  headSha: string;
  headRef: string;
  baseRef: string;
  labels: string[];
}

/** Draft transitions; with `createdAt` and `draft` they give the ready time and draft periods. */
export interface PullRequestTimelineRecord {
  installationId: number;
  /** Every payload and GraphQL node says the repository: the store never has to guess it. */
  repositoryId: number;
  pullRequestId: number;
  kind: "opened_as_draft" | "opened_ready" | "ready_for_review" | "converted_to_draft";
  at: Millis;
}

export interface ReviewRequestRecord {
  installationId: number;
  repositoryId: number;
  pullRequestId: number;
  /** A user login, or `@org/team-slug` for a team. */
  reviewer: string;
  reviewerType: "User" | "Bot" | "Team";
  at: Millis;
  by: string | null;
}

export interface ReviewRecord {
  installationId: number;
  repositoryId: number;
  pullRequestId: number;
  reviewId: number;
  reviewer: Actor;
  /** APPROVED, CHANGES_REQUESTED or COMMENTED; `undefined` when only a dismissal was seen. */
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | undefined;
  dismissed: boolean;
  submittedAt: Millis;
  commitId: string | null;
  authorAssociation: string | undefined;
}

export interface MilestoneRecord {
  installationId: number;
  repositoryId: number;
  milestoneId: number;
  number: number;
  title: string;
  state: "open" | "closed";
  dueOn: Millis | null;
  closedAt: Millis | null;
  updatedAt: Millis;
}

export interface IssueRecord {
  installationId: number;
  repositoryId: number;
  issueId: number;
  number: number;
  title: string;
  author: Actor;
  authorAssociation: string;
  labels: string[];
  state: "open" | "closed";
  createdAt: Millis;
  updatedAt: Millis;
  closedAt: Millis | null;
  milestoneId: number | null;
}

export interface IssueCommentRecord {
  installationId: number;
  repositoryId: number;
  issueId: number;
  commentId: number;
  author: Actor;
  authorAssociation: string;
  createdAt: Millis;
}

/**
 * Something a delivery made stale in release readiness, queued in the delivery's own transaction
 * so that a publish worker (in any replica) re-publishes it: a pull request's checks, the open
 * pull requests with a head SHA (check re-runs on forks name no pull request), or a milestone's
 * gates and issue.
 */
export interface StaleReleaseRecord {
  installationId: number;
  repositoryId: number;
  subject:
    | { kind: "pull_request"; pullRequestId: number }
    | { kind: "head_sha"; sha: string }
    | { kind: "milestone"; milestoneId: number; whole: boolean };
  /** Someone asked GitHub to re-run the check: send it even when unchanged. */
  force: boolean;
  at: Millis;
}

/**
 * A purge a delivery asked for (an uninstall, a repository taken from the installation), kept
 * until GitHub confirms it: the signature covers a delivery's body, not its event name, and an
 * old genuine body can be sent again.
 */
export interface PurgeRequestRecord {
  installationId: number;
  /** The repository to remove; null: the whole installation. */
  repositoryId: number | null;
  /** The repository's name, to ask GitHub whether the installation still reaches it. */
  fullName: string | null;
  deliveryId: string;
  requestedAt: Millis;
}

/** A GitHub team of an organisation, as its `team` events and REST replies say. */
export interface TeamRecord {
  installationId: number;
  teamId: number;
  /** The organisation's login, lower case. */
  organization: string;
  slug: string;
  name: string;
  /** The team it is nested in (its members count in that team too); undefined: not said. */
  parentTeamId: number | null | undefined;
  /** When this was seen (team payloads carry no time: the delivery's arrival); the newest wins. */
  updatedAt: Millis;
}

/** Who was in a team: read from GitHub (the whole list) or told by a `membership` event. */
export type TeamMembershipChange =
  | { kind: "joined" | "left"; login: string; at: Millis }
  /**
   * The team's members as GitHub lists them at `at`. A first reading (`first`) says nothing of
   * since when: those members count in every earlier period too.
   */
  | { kind: "listed"; logins: string[]; at: Millis; first: boolean };

/** One change to the store. Ingest and backfill turn a payload (or a page) into a list of these. */
export type StoreChange =
  | { kind: "installation"; record: InstallationRecord }
  /** `at`: when it was received; GitHub's older deliveries of it are never asked for again. */
  | { kind: "installation_deleted"; installationId: number; at: Millis }
  | { kind: "repository"; record: RepositoryRecord }
  | { kind: "repository_removed"; installationId: number; repositoryId: number; at: Millis }
  /** A removal to confirm with GitHub before anything is deleted (see PendingPurges). */
  | { kind: "purge_requested"; record: PurgeRequestRecord }
  | { kind: "pull_request"; record: PullRequestRecord }
  | { kind: "pull_request_timeline"; record: PullRequestTimelineRecord }
  | { kind: "review_requested"; record: ReviewRequestRecord }
  | { kind: "review_request_removed"; record: ReviewRequestRecord }
  | { kind: "review"; record: ReviewRecord }
  | { kind: "milestone"; record: MilestoneRecord }
  | { kind: "milestone_deleted"; installationId: number; milestoneId: number; at: Millis }
  | { kind: "issue"; record: IssueRecord }
  | { kind: "issue_deleted"; installationId: number; issueId: number }
  | { kind: "issue_comment"; record: IssueCommentRecord }
  | { kind: "issue_comment_deleted"; installationId: number; commentId: number }
  | { kind: "release_stale"; record: StaleReleaseRecord }
  /** A team seen; `membersKnownAt`: from then on every membership change reaches the store. */
  | { kind: "team"; record: TeamRecord; membersKnownAt?: Millis | undefined }
  | { kind: "team_deleted"; installationId: number; teamId: number; at: Millis }
  | {
      kind: "team_membership";
      installationId: number;
      teamId: number;
      change: TeamMembershipChange;
    }
  /** Someone left the organisation, and so every team of it. */
  | {
      kind: "organization_member_left";
      installationId: number;
      organization: string;
      login: string;
      at: Millis;
    }
  | {
      kind: "team_repository";
      installationId: number;
      teamId: number;
      repositoryId: number;
      fullName: string;
      granted: boolean;
    }
  /** The team's repositories as GitHub lists them. */
  | {
      kind: "team_repositories_listed";
      installationId: number;
      teamId: number;
      repositories: { repositoryId: number; fullName: string }[];
    }
  /** The teams whose `@org/team` owns `*` in the repository's CODEOWNERS (lower case), as read at `at`. */
  | {
      kind: "repository_owners";
      installationId: number;
      repositoryId: number;
      teams: string[];
      at: Millis;
    };

export interface DeliveryRecord {
  deliveryId: string;
  installationId: number | null;
  /** The payload's `repository.id`; null for events about no one repository (installations). */
  repositoryId: number | null;
  event: string;
  action: string | null;
  receivedAt: Millis;
}
