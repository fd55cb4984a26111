/** A mistake in how the command was called: exit code 2, one line, no stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
