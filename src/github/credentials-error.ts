/** Credentials missing or unusable: nothing was sent; the person must set them and run again. */
export class CredentialsError extends Error {
  override readonly name = "CredentialsError";
}
