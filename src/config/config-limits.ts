/**
 * How much a config may ask for. Anyone who can push to a repository writes its file, so every
 * size is bounded: a file past these limits is a config error naming the key and the limit, found
 * in milliseconds, never a server busy for seconds. Each limit is far above what a real team needs.
 */
export const CONFIG_LIMITS = {
  /**
   * Bytes of one file. GitHub's contents API hands out files up to 1 MB; the full example in the
   * README is 2 KB and an organisation's file naming 100 teams with ten repositories each about
   * 32 KB. 64 KB of YAML parses in a few milliseconds.
   */
  fileBytes: 64 * 1024,
  /** Files one config may extend in a row (`_extends` of `_extends`…). */
  extendsChain: 3,
  /** Mappings and lists nested in one another. */
  depth: 32,
  /** Entries of `holidays`, and the days they cover together (ten years of days). */
  holidays: 1_000,
  holidayDays: 3_660,
  workdays: 14,
  bots: 100,
  /** Logins of `team`. */
  members: 500,
  /** Names in each list of labels (`release.gate.labels`, `customer.labels`, `rca.labels`). */
  labels: 50,
  /**
   * Patterns of `release.gate.head_branches`, their length and their wildcards (`*`, `?`): a
   * branch name is matched against them in at most patterns × length × name length steps.
   */
  headBranches: 10,
  patternChars: 64,
  patternWildcards: 20,
  /** Teams of `reports.teams`, and each team's repositories and members. */
  teams: 100,
  teamRepositories: 200,
  teamMembers: 500,
  /** Characters of a label, a team's name, a holiday's name and other free text. */
  textChars: 100,
} as const;
