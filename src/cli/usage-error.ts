/** A mistake in how the command was called: exit code 2, one line, no stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function parseInstant(value: string, option: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`${option}: "${value}" is not an ISO date or date-time`);
  return date;
}
