import { z } from "zod";

/**
 * The parts of webhook payloads that ingest reads. Loose objects: GitHub adds fields freely, and
 * a missing field we need is reported by its path.
 */

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date-time");

/** GitHub ids and numbers are positive integers; anything else would key rows by nonsense. */
const githubId = z.number().int().positive();

export const userSchema = z.looseObject({ login: z.string(), type: z.string().optional() });

export const teamSchema = z.looseObject({ slug: z.string() });

export const repositorySchema = z.looseObject({
  id: githubId,
  full_name: z.string(),
  private: z.boolean(),
  owner: z.looseObject({ login: z.string() }).optional(),
});

export const milestoneSchema = z.looseObject({
  id: githubId,
  number: githubId,
  title: z.string(),
  state: z.enum(["open", "closed"]),
  due_on: timestamp.nullable().optional(),
  closed_at: timestamp.nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});

const labelsSchema = z.array(z.looseObject({ name: z.string() })).optional();

export const pullRequestSchema = z.looseObject({
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
  head: z.looseObject({ sha: z.string(), ref: z.string() }),
  base: z.looseObject({ ref: z.string() }),
  labels: labelsSchema,
});

export const reviewSchema = z.looseObject({
  id: githubId,
  user: userSchema.nullable(),
  state: z.string(),
  submitted_at: timestamp.nullable().optional(),
  commit_id: z.string().nullable().optional(),
  author_association: z.string().optional(),
});

export const issueSchema = z.looseObject({
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

export const commentSchema = z.looseObject({
  id: githubId,
  user: userSchema.nullable(),
  author_association: z.string(),
  created_at: timestamp,
});

export const installationSchema = z.looseObject({
  id: githubId,
  account: userSchema.nullable().optional(),
});

export const installationRepositorySchema = z.looseObject({
  id: githubId,
  full_name: z.string(),
  private: z.boolean(),
});

/** The envelope every delivery of interest has. */
export const envelopeSchema = z.looseObject({
  action: z.string().optional(),
  installation: z.looseObject({ id: githubId }).optional(),
  repository: repositorySchema.optional(),
  sender: userSchema.nullable().optional(),
});

export type UserPayload = z.infer<typeof userSchema>;
export type RepositoryPayload = z.infer<typeof repositorySchema>;
export type MilestonePayload = z.infer<typeof milestoneSchema>;
export type PullRequestPayload = z.infer<typeof pullRequestSchema>;
export type IssuePayload = z.infer<typeof issueSchema>;
