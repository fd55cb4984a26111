/** A setting (environment variable or `.env` line) the app cannot work with: exit code 2, one line. */
export class SettingError extends Error {
  override readonly name: string = "SettingError";
}
