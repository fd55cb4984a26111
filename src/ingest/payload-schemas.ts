import { z } from "zod";

/**
 * The parts of webhook payloads that ingest reads, and only those: GitHub adds fields freely,
 * fields we do not read are neither checked nor copied, and a missing field we need is reported
 * by its path.
 */

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date-time");

/** GitHub ids and numbers are positive integers; anything else would key rows by nonsense. */
export const githubId = z.number().int().positive();

export const userSchema = z.object({ login: z.string(), type: z.string().optional() });

export const teamSchema = z.object({ slug: z.string() });

export const repositorySchema = z.object({
  id: githubId,
  full_name: z.string(),
  private: z.boolean(),
  owner: z.object({ login: z.string() }).optional(),
});

export const milestoneSchema = z.object({
  id: githubId,
  number: githubId,
  title: z.string(),
  state: z.enum(["open", "closed"]),
  due_on: timestamp.nullable().optional(),
  closed_at: timestamp.nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** A milestone named by its id alone (the one a `demilestoned` pull request left). */
export const milestoneRefSchema = z.object({ id: githubId });

/** A check run or suite the user asked to run again, and what it was run on. */
export const checkRerunSchema = z.object({
  external_id: z.string().nullable().optional(),
  head_sha: z.string().optional(),
  pull_requests: z.array(z.object({ id: githubId })).optional(),
});

const labelsSchema = z.array(z.object({ name: z.string() })).optional();

export const pullRequestSchema = z.object({
  id: githubId,
  node_id: z.string(),
  number: githubId,
  title: z.string(),
  user: userSchema.nullable(),
  author_association: z.string().optional(),
  draft: z.boolean().optional(),
  state: z.enum(["open", "closed"]),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  merged_at: timestamp.nullable().optional(),
  merged_by: userSchema.nullable().optional(),
  milestone: milestoneSchema.nullable().optional(),
  head: z.object({ sha: z.string(), ref: z.string() }),
  base: z.object({ ref: z.string() }),
  labels: labelsSchema,
});

export const reviewSchema = z.object({
  id: githubId,
  user: userSchema.nullable(),
  state: z.string(),
  submitted_at: timestamp.nullable().optional(),
  commit_id: z.string().nullable().optional(),
  author_association: z.string().optional(),
});

export const issueSchema = z.object({
  id: githubId,
  number: githubId,
  title: z.string(),
  user: userSchema.nullable(),
  author_association: z.string(),
  labels: labelsSchema,
  state: z.enum(["open", "closed"]),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  milestone: milestoneSchema.nullable().optional(),
  pull_request: z.unknown().optional(),
});

export const commentSchema = z.object({
  id: githubId,
  user: userSchema.nullable(),
  author_association: z.string(),
  created_at: timestamp,
});

export const installationSchema = z.object({
  id: githubId,
  account: userSchema.nullable().optional(),
});

export const installationRepositorySchema = z.object({
  id: githubId,
  full_name: z.string(),
  private: z.boolean(),
});

/** A team in `team`, `team_add` and `membership` payloads; a deleted team may lack its slug. */
export const githubTeamSchema = z.object({
  id: githubId,
  slug: z.string().min(1),
  name: z.string(),
  parent: z.object({ id: githubId }).nullable().optional(),
});

export const organizationSchema = z.object({ login: z.string().min(1) });

/** The envelope every delivery of interest has. */
export const envelopeSchema = z.object({
  action: z.string().optional(),
  installation: z.object({ id: githubId }).optional(),
  repository: repositorySchema.optional(),
  sender: userSchema.nullable().optional(),
});

export type UserPayload = z.infer<typeof userSchema>;
export type RepositoryPayload = z.infer<typeof repositorySchema>;
export type MilestonePayload = z.infer<typeof milestoneSchema>;
export type PullRequestPayload = z.infer<typeof pullRequestSchema>;
export type IssuePayload = z.infer<typeof issueSchema>;
export type GitHubTeamPayload = z.infer<typeof githubTeamSchema>;
