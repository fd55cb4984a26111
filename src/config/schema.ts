import { z } from "zod";
import {
  isLocalDate,
  isValidTimeZone,
  type LocalDate,
  normalizeCron,
  parseClockTime,
} from "../time/index.js";
import { CONFIG_LIMITS } from "./config-limits.js";
import { describeValue } from "./describe-value.js";
import { expecting } from "./expecting.js";
import { isPlainObject } from "./is-plain-object.js";

const section = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    // Unknown keys are reported per key by parseConfig, with a suggestion.
    error: (issue) =>
      issue.code === "invalid_type" ? expecting("a mapping of settings")(issue) : undefined,
  });

const wholeNumber = (min: number, max?: number) => {
  const error = expecting(
    max === undefined ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`,
  );
  const atLeast = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
};

const hours = () => {
  const error = expecting("a number of hours > 0");
  return z.number({ error }).positive({ error });
};

const flag = () => z.boolean({ error: expecting("true or false") });

const atMostCharacters = (max: number) => (issue: { input?: unknown }) =>
  `at most ${max} characters, got ${String(issue.input).length}`;

const text = (what: string) => {
  const error = expecting(what);
  return z
    .string({ error })
    .min(1, { error })
    .max(CONFIG_LIMITS.textChars, { error: atMostCharacters(CONFIG_LIMITS.textChars) });
};

/** A list of at most `max` items, counted before any item is checked (20,000 would take seconds). */
const list = <Item extends z.ZodType>(item: Item, what: string, max: number) =>
  z.array(item, { error: expecting(what) }).max(max, {
    error: (issue) => `at most ${max} entries, got ${(issue.input as unknown[]).length}`,
  });

// GitHub's logins have at most 39 characters, repository names 100.
const login = () => {
  const error = expecting("a GitHub login");
  return z
    .string({ error })
    .max(45, { error })
    .regex(/^@?[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, { error })
    .transform((value) => value.replace(/^@/, ""));
};

const repositoryName = () => {
  const error = expecting('a repository "owner/name"');
  return z
    .string({ error })
    .max(140, { error })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, { error });
};

const DAY_MS = 86_400_000;
const DATE = 'a date "YYYY-MM-DD"';

/** A "YYYY-MM-DD" string, or the Date object a YAML 1.1 parser makes of an unquoted date. */
const localDate = (what = DATE) =>
  z.unknown().transform((value, ctx): LocalDate => {
    if (value instanceof Date && value.getTime() % DAY_MS === 0)
      return value.toISOString().slice(0, 10);
    if (isLocalDate(value)) return value;
    ctx.addIssue({ code: "custom", message: expecting(what)({ input: value }), input: value });
    return z.NEVER;
  });

const MAX_HOLIDAY_PERIOD_DAYS = 366;

const daysOf = (period: { from: LocalDate; to: LocalDate }) =>
  (Date.parse(period.to) - Date.parse(period.from)) / DAY_MS + 1;

const holidayPeriod = section({
  from: localDate(),
  to: localDate(),
  name: z
    .string({ error: expecting("a text") })
    .max(CONFIG_LIMITS.textChars, { error: atMostCharacters(CONFIG_LIMITS.textChars) })
    .optional(),
}).superRefine((period, ctx) => {
  const days = daysOf(period);
  if (days < 1) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `must not be before from (${period.from})`,
      input: period.to,
    });
  } else if (days > MAX_HOLIDAY_PERIOD_DAYS) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `a holiday period may span at most ${MAX_HOLIDAY_PERIOD_DAYS} days, this one spans ${days}`,
      input: period.to,
    });
  }
});

const singleHoliday = localDate(`${DATE} or a period { from, to, name }`);

/** A holiday is a date or a period; dispatching on the shape keeps errors pointing at the key inside a period. */
const holidayItem = z.unknown().transform((value, ctx) => {
  const parsed = isPlainObject(value)
    ? holidayPeriod.safeParse(value)
    : singleHoliday.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  }
  const item = parsed.data;
  return typeof item === "string" ? { from: item, to: item } : item;
});

export interface HolidayPeriod {
  from: LocalDate;
  to: LocalDate;
  name?: string | undefined;
}

export interface Holidays {
  /** Every holiday date, expanded from periods, sorted, without duplicates. */
  dates: LocalDate[];
  /** The entries as written; a single date is a period of one day. */
  periods: HolidayPeriod[];
}

function expandHolidays(periods: HolidayPeriod[]): Holidays {
  const dates = new Set<LocalDate>();
  for (const period of periods) {
    for (let ms = Date.parse(period.from); ms <= Date.parse(period.to); ms += DAY_MS) {
      dates.add(new Date(ms).toISOString().slice(0, 10));
    }
  }
  return { dates: [...dates].sort(), periods };
}

const DAY_NAMES = new Map([
  ["sun", 0],
  ["sunday", 0],
  ["mon", 1],
  ["monday", 1],
  ["tue", 2],
  ["tuesday", 2],
  ["wed", 3],
  ["wednesday", 3],
  ["thu", 4],
  ["thursday", 4],
  ["fri", 5],
  ["friday", 5],
  ["sat", 6],
  ["saturday", 6],
]);

const workday = () => {
  const error = expecting('a day name such as "mon" or "monday"');
  return z.string({ error }).transform((name, ctx) => {
    const day = DAY_NAMES.get(name.trim().toLowerCase());
    if (day !== undefined) return day;
    ctx.addIssue({ code: "custom", message: error({ input: name }), input: name });
    return z.NEVER;
  });
};

const clockTime = () => {
  const error = expecting('a time "HH:MM" such as "09:00"');
  return z.string({ error }).refine((value) => parseClockTime(value) !== undefined, { error });
};

const cron = () =>
  z
    .string({ error: expecting('a cron schedule such as "0 9 * * 1"') })
    .transform((expression, ctx) => {
      const result = normalizeCron(expression);
      if (result.ok) return result.cron;
      ctx.addIssue({ code: "custom", message: result.problem, input: expression });
      return z.NEVER;
    });

const labels = (defaults: string[]) =>
  list(text("a label name"), "a list of label names", CONFIG_LIMITS.labels).default(defaults);

/** A branch name pattern (see the Release gate's matcher): short, and with few wildcards. */
const branchPattern = () =>
  text("a branch name pattern").superRefine((pattern, ctx) => {
    const { patternChars, patternWildcards } = CONFIG_LIMITS;
    const wildcards = pattern.replace(/[^*?]/g, "").length;
    const problem =
      pattern.length > patternChars
        ? `a branch name pattern may have at most ${patternChars} characters, this one has ${pattern.length}`
        : wildcards > patternWildcards
          ? `a branch name pattern may have at most ${patternWildcards} wildcards (* and ?), this one has ${wildcards}`
          : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: pattern });
  });

const githubTeam = () => {
  const error = expecting('a GitHub team "org/team-slug"');
  return z
    .string({ error })
    .max(140, { error })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/, { error })
    .transform((value) => value.toLowerCase());
};

const team = section({
  repos: list(
    repositoryName(),
    'a list of repositories "owner/name"',
    CONFIG_LIMITS.teamRepositories,
  ).default([]),
  members: list(login(), "a list of GitHub logins", CONFIG_LIMITS.teamMembers).default([]),
  // Members (and, without `repos`, repositories) from GitHub: only ever read from the
  // organisation's own file, like every key of `reports.teams`.
  github_team: githubTeam().optional(),
  // The repositories whose CODEOWNERS gives `*` to the team are the team's too.
  owners_from: z.literal("codeowners", { error: expecting('"codeowners"') }).optional(),
}).superRefine((entry, ctx) => {
  if (entry.repos.length === 0 && !entry.github_team && !entry.owners_from)
    ctx.addIssue({
      code: "custom",
      path: ["repos"],
      message:
        "list at least one repository the team owns, or name its github_team (its repositories then come from GitHub)",
      input: entry.repos,
    });
  if (entry.github_team && entry.members.length > 0)
    ctx.addIssue({
      code: "custom",
      path: ["members"],
      message: `members of a github_team come from GitHub (${entry.github_team}): remove members, or github_team`,
      input: entry.members,
    });
  if (entry.owners_from && !entry.github_team)
    ctx.addIssue({
      code: "custom",
      path: ["owners_from"],
      message: "CODEOWNERS names GitHub teams: name the team's github_team too",
      input: entry.owners_from,
    });
});

export const configSchema = section({
  // Probot's config loader follows `_extends` before we see the file; it is accepted and ignored here.
  _extends: z.unknown().optional(),
  timezone: z
    .string({ error: expecting('an IANA time zone such as "Europe/Berlin"') })
    .refine(isValidTimeZone, { error: expecting('an IANA time zone such as "Europe/Berlin"') })
    .default("UTC"),
  workdays: list(workday(), 'a list of day names such as ["mon", "tue"]', CONFIG_LIMITS.workdays)
    .min(1, { error: "list at least one workday" })
    .transform((days) => [...new Set(days)].sort((a, b) => a - b))
    .prefault(["mon", "tue", "wed", "thu", "fri"]),
  core_hours: section({ start: clockTime(), end: clockTime() })
    .refine((core) => (parseClockTime(core.start) ?? 0) < (parseClockTime(core.end) ?? 0), {
      path: ["end"],
      error: (issue) =>
        `must be later than start, got ${describeValue((issue.input as { end?: unknown })?.end)}`,
    })
    .optional(),
  holidays: list(
    holidayItem,
    `a list of holidays, each ${DATE} or a period { from, to, name }`,
    CONFIG_LIMITS.holidays,
  )
    .superRefine((periods, ctx) => {
      const days = periods.reduce((sum, period) => sum + daysOf(period), 0);
      if (days > CONFIG_LIMITS.holidayDays)
        ctx.addIssue({
          code: "custom",
          message: `the holidays may cover at most ${CONFIG_LIMITS.holidayDays} days in all, these cover ${days}`,
          input: periods,
        });
    })
    .transform(expandHolidays)
    .prefault([]),
  bots: list(login(), "a list of GitHub logins", CONFIG_LIMITS.bots).default([]),
  release: section({
    warn_within_business_days: wholeNumber(0).default(3),
    gate: section({
      labels: labels(["release"]),
      head_branches: list(
        branchPattern(),
        'a list of branch name patterns such as "release/*"',
        CONFIG_LIMITS.headBranches,
      ).default(["release/*"]),
    }).prefault({}),
    milestone_issue: flag().default(true),
  }).prefault({}),
  team: list(login(), "a list of GitHub logins", CONFIG_LIMITS.members).optional(),
  sla: section({
    review_request_business_hours: hours().default(24),
    first_review_business_hours: hours().default(24),
    customer_first_response_business_hours: hours().default(16),
  }).prefault({}),
  customer: section({ labels: labels(["customer"]) }).prefault({}),
  // Only labels: the store keeps no issue bodies, so an RCA section in one cannot be seen.
  rca: section({ labels: labels(["rca"]) }).prefault({}),
  reports: section({
    enabled: flag().default(true),
    schedule: cron().default("0 9 * * 1"),
    period_days: wholeNumber(1, 366).default(7),
    repository: repositoryName().optional(),
    teams: z
      .preprocess(
        (teams, ctx) => {
          const count = isPlainObject(teams) ? Object.keys(teams).length : 0;
          if (count <= CONFIG_LIMITS.teams) return teams;
          // Counted before any team is checked, as for lists.
          ctx.addIssue({
            code: "custom",
            message: `at most ${CONFIG_LIMITS.teams} teams, got ${count}`,
            input: teams,
          });
          return z.NEVER;
        },
        z.record(text("a team name"), team, {
          error: (issue) =>
            // A bad name is told as the name's own problem.
            issue.code === "invalid_key"
              ? issue.issues[0]?.message
              : expecting("a mapping of team names to { repos, members }")(issue),
        }),
      )
      .default({}),
    close_previous: flag().default(true),
    mention: flag().default(false),
    label: text("a label name").default("review-activity"),
  }).prefault({}),
}).transform(({ _extends, ...config }) => config);

export type ExpectationsConfig = z.output<typeof configSchema>;

type AnySchema = { _zod: { def: Record<string, unknown> } };
// Schemas that parse an object by hand-off (see holidayItem), so unknown-key suggestions can see their keys.
const objectVariants = new WeakMap<object, AnySchema>([
  [holidayItem, holidayPeriod as unknown as AnySchema],
]);

/** The keys allowed in the mapping at `path`, for "did you mean" suggestions. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: AnySchema | undefined = configSchema as unknown as AnySchema;
  let remaining = [...path];
  while (schema) {
    const def: Record<string, unknown> = schema._zod.def;
    const variant = objectVariants.get(schema);
    if (variant) {
      schema = variant;
      continue;
    }
    switch (def.type) {
      case "object": {
        const shape = def.shape as Record<string, AnySchema>;
        if (remaining.length === 0) return Object.keys(shape).filter((key) => key !== "_extends");
        schema = shape[String(remaining[0])];
        remaining = remaining.slice(1);
        break;
      }
      case "array":
        schema = def.element as AnySchema;
        remaining = remaining.slice(1);
        break;
      case "record":
        schema = def.valueType as AnySchema;
        remaining = remaining.slice(1);
        break;
      case "pipe":
        // A transform's input, or what a preprocessing step hands on.
        schema = (
          (def.in as AnySchema)._zod.def.type === "transform" ? def.out : def.in
        ) as AnySchema;
        break;
      case "default":
      case "prefault":
      case "optional":
      case "nullable":
        schema = def.innerType as AnySchema;
        break;
      default:
        return [];
    }
  }
  return [];
}
