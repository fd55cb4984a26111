/** A login written so that it does not notify the person (unless `mention` is on). */
export function formatLogin(login: string, mention = false): string {
  return mention ? `@${login}` : `\`${login.replace(/`/g, "")}\``;
}
