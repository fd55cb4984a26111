import type { Millis, TeamMembershipChange } from "../records.js";
import type { MembershipSpan, TeamMemberRow } from "../rows.js";

const startsBefore = (span: MembershipSpan, at: Millis) => span.from === null || span.from <= at;
const covers = (span: MembershipSpan, at: Millis) =>
  startsBefore(span, at) && (span.until === null || at < span.until);
const byStart = (a: MembershipSpan, b: MembershipSpan) =>
  (a.from ?? Number.NEGATIVE_INFINITY) - (b.from ?? Number.NEGATIVE_INFINITY);

function joined(spans: readonly MembershipSpan[], at: Millis): MembershipSpan[] {
  const current = spans.find((span) => covers(span, at));
  // A stay known only from its leave (seen first) starts at its join; any other stay that
  // covers the time already counts them.
  if (current)
    return current.from === null && current.until !== null
      ? spans.map((span) => (span === current ? { ...span, from: at } : span))
      : [...spans];
  // Joining before a known later stay (events out of order) starts that stay earlier.
  const next = spans.find((span) => span.from !== null && span.from > at);
  if (next) return spans.map((span) => (span === next ? { ...span, from: at } : span));
  return [...spans, { from: at, until: null }].sort(byStart);
}

function left(spans: readonly MembershipSpan[], at: Millis): MembershipSpan[] {
  const current = spans.find((span) => covers(span, at));
  if (current)
    return spans.flatMap((span) =>
      span !== current ? [span] : span.from === at ? [] : [{ ...span, until: at }],
    );
  // Out already at that time (a leave seen twice, or after an earlier one): nothing to end.
  if (spans.some((span) => span.until !== null && span.until <= at)) return [...spans];
  // A leave before any join we know of: they were in the team until then, since unknown.
  return [{ from: null, until: at }, ...spans];
}

const same = (a: readonly MembershipSpan[], b: readonly MembershipSpan[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * A membership change against a team's stored rows (one per person, each a list of the times
 * they were in it). Whatever order the changes arrive in, a person counts from the day they
 * joined until the day they left. Returns the rows to keep: the same objects for rows that did
 * not change, so that only changed rows are written.
 */
export function mergeTeamMembership(
  rows: readonly TeamMemberRow[],
  installationId: number,
  teamId: number,
  change: TeamMembershipChange,
): TeamMemberRow[] {
  const byLogin = new Map(rows.map((row) => [row.login.toLowerCase(), row]));
  const next = new Map(byLogin);
  const update = (
    login: string,
    spans: (current: readonly MembershipSpan[]) => MembershipSpan[],
  ) => {
    const key = login.toLowerCase();
    const stored = byLogin.get(key);
    const changed = spans(stored?.spans ?? []);
    if (stored && same(changed, stored.spans)) return;
    next.set(key, { installationId, teamId, login: stored?.login ?? login, spans: changed });
  };
  if (change.kind !== "listed") {
    const move = change.kind === "joined" ? joined : left;
    update(change.login, (spans) => move(spans, change.at));
  } else {
    const listed = new Set(change.logins.map((login) => login.toLowerCase()));
    for (const login of change.logins)
      update(login, (spans) =>
        spans.some((span) => covers(span, change.at))
          ? [...spans]
          : change.first && spans.length === 0
            ? [{ from: null, until: null }]
            : joined(spans, change.at),
      );
    for (const row of rows)
      if (!listed.has(row.login.toLowerCase()) && row.spans.some((span) => covers(span, change.at)))
        update(row.login, (spans) => left(spans, change.at));
  }
  return [...next.values()];
}
