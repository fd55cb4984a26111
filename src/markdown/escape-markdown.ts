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
