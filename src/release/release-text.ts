import { escapeMarkdown, formatLogin, oneLine } from "../markdown/index.js";
import type { LocalDate } from "../time/index.js";
import type { WaitingOn } from "./waiting-on.js";

const WEEKDAY = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" });

/** "Friday 2019-10-04": a date people can place in their week. */
export function formatReleaseDate(date: LocalDate): string {
  return `${WEEKDAY.format(new Date(`${date}T00:00:00Z`))} ${date}`;
}

function logins(list: readonly string[]): string {
  return list.map((login) => formatLogin(login)).join(", ");
}

/** Markdown: what the pull request needs next and from whom, without notifying anyone. */
export function describeWaitingOn(waiting: WaitingOn): string {
  switch (waiting.kind) {
    case "draft":
      return `${logins(waiting.on)} to mark the draft ready for review`;
    case "changes":
      return `${logins(waiting.on)} to address the changes requested by ${logins(waiting.requestedBy)}`;
    case "merge":
      return `a merge (approved by ${logins(waiting.approvedBy)})`;
    case "review":
      return waiting.on.length > 0
        ? `review by ${logins(waiting.on)}`
        : "a reviewer: nobody has been asked to review yet";
  }
}

/** Plain text for titles: "waiting on review". */
export function waitingOnShort(waiting: WaitingOn): string {
  switch (waiting.kind) {
    case "draft":
      return "still a draft";
    case "changes":
      return "waiting on requested changes";
    case "merge":
      return "approved, waiting on merge";
    case "review":
      return "waiting on review";
  }
}

/** Markdown link to a pull request with its (escaped) title. */
export function pullRequestLink(
  repositoryUrl: string,
  pullRequest: { number: number; title: string },
): string {
  return `[#${pullRequest.number}](${repositoryUrl}/pull/${pullRequest.number}) ${escapeMarkdown(pullRequest.title)}`;
}

/** A title for plain-text places (check run titles): one line, bounded. */
export function plainTitle(text: string): string {
  return oneLine(text, 80);
}
