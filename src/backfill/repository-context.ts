/** What turning one repository's GraphQL nodes into store records needs to know. */
export interface RepositoryContext {
  installationId: number;
  repositoryId: number;
  /** The owner's login: team reviewers are `@owner/slug`, as webhooks give them. */
  ownerLogin: string;
  /** REST milestone ids by milestone number (GraphQL has no milestone database id). */
  milestoneIds: ReadonlyMap<number, number>;
}

export function milestoneIdOf(
  context: RepositoryContext,
  milestone: { number: number } | null,
): number | null {
  return milestone ? (context.milestoneIds.get(milestone.number) ?? null) : null;
}
