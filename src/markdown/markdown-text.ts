/**
 * Makes user text (titles, logins, labels) inert in GitHub markdown: no mentions, no HTML, no
 * table breaks, no links or emphasis.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`)
    .replace(/@/g, "@\u200b");
}

/** A login written so that it does not notify the person (unless `mention` is on). */
export function formatLogin(login: string, mention = false): string {
  return mention ? `@${login}` : `\`${login.replace(/`/g, "")}\``;
}

/** User text squeezed onto one line of at most `max` characters (cut with an ellipsis). */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** "1 pull request", "3 pull requests": a count with its noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
