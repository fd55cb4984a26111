/** What backfill needs of an Octokit (ProbotOctokit has both): GraphQL, and a few REST reads. */
export interface BackfillGitHub {
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}
