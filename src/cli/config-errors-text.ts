import type { ConfigError } from "../config/index.js";

const MAX_ERRORS = 50;

/**
 * What is wrong in a config file, for a terminal: plain text, one line per key (the checks on
 * GitHub get the same list as markdown, from formatConfigErrors).
 */
export function configErrorsText(
  errors: readonly ConfigError[],
  file = ".github/expectations.yml",
): string {
  const lines = [`${file} is invalid:`];
  // Control characters from the file (a key, a value) would drive the terminal: spaces instead.
  const plain = (text: string) => text.replace(/\p{Cc}+/gu, " ");
  for (const error of errors.slice(0, MAX_ERRORS))
    lines.push(`- ${plain(error.key)}: ${plain(error.message)}`);
  if (errors.length > MAX_ERRORS) lines.push(`- … and ${errors.length - MAX_ERRORS} more`);
  return lines.join("\n");
}
