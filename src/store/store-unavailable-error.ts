import { SettingError } from "../settings/index.js";

/** The database a setting names cannot be opened: the message names the database and the setting. */
export class StoreUnavailableError extends SettingError {
  override readonly name = "StoreUnavailableError";
}
