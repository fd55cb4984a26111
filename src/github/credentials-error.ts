import { SettingError } from "../settings/index.js";

/** Credentials missing or unusable: nothing was sent; the person must set them and run again. */
export class CredentialsError extends SettingError {
  override readonly name = "CredentialsError";
}
