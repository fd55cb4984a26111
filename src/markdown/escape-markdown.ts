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
