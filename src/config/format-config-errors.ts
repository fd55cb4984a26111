import type { ConfigError } from "./parse-config.js";

const MAX_ERRORS = 50;

/** Escapes text so it renders literally in GitHub markdown and cannot open links, HTML or formatting. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/[\\`*_[\]|~]/g, "\\$&");
}

/** A code span that holds any text: the fence is longer than any run of backticks inside. */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Markdown for a check run or issue listing what is wrong in the config file. */
export function formatConfigErrors(
  errors: readonly ConfigError[],
  file = ".github/expectations.yml",
): string {
  const lines = [`${codeSpan(file)} is invalid:`];
  for (const error of errors.slice(0, MAX_ERRORS)) {
    lines.push(`- ${codeSpan(error.key)}: ${escapeMarkdown(error.message)}`);
  }
  if (errors.length > MAX_ERRORS) lines.push(`- … and ${errors.length - MAX_ERRORS} more`);
  return lines.join("\n");
}
