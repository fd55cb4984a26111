import type { Logger } from "pino";
import { createRateLimitBudget, type RateLimitBudget } from "../backfill/index.js";

/**
 * One rate-limit budget per installation (GitHub's limit is the installation's), made when first
 * asked for; a pause is logged as `<what> paused until GitHub's rate limit resets`.
 */
export function installationBudgets(options: {
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  what: string;
}): (installationId: number, log: Logger) => RateLimitBudget {
  const budgets = new Map<number, RateLimitBudget>();
  return (installationId, log) => {
    let budget = budgets.get(installationId);
    if (!budget) {
      budget = createRateLimitBudget({
        clock: options.clock,
        sleep: options.sleep,
        onPause: ({ until, remaining }) =>
          log.warn(
            { installationId, remaining, until: until.toISOString() },
            `${options.what} paused until GitHub's rate limit resets`,
          ),
      });
      budgets.set(installationId, budget);
    }
    return budget;
  };
}
