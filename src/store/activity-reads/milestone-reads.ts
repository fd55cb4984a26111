import { milestoneRecord } from "../schema/index.js";
import type { ActivityReads } from "../store.js";
import { columns, type ReadDialect, type Select } from "./read-dialect.js";

/** Open and closed items of each milestone, as countMilestoneItems returns them. */
type MilestoneCounts = Map<number, { open: number; closed: number }>;

/** Adds one table's `[milestone id, closed, total]` rows (pull requests, then issues) to the counts. */
function addMilestoneCounts(counts: MilestoneCounts, rows: readonly (readonly unknown[])[]): void {
  for (const [id, closed, total] of rows as [number, number, number][]) {
    const entry = counts.get(id) ?? { open: 0, closed: 0 };
    entry.closed += closed;
    entry.open += total - closed;
    counts.set(id, entry);
  }
}

/** A repository's milestones, one milestone, and what each milestone holds. */
export function milestoneReads(
  select: Select,
  dialect: ReadDialect,
): Pick<ActivityReads, "listMilestones" | "getMilestone" | "countMilestoneItems"> {
  return {
    async listMilestones(installationId, repositoryId) {
      return (
        await select((bind) => {
          const [installation, repository] = [bind.value(installationId), bind.value(repositoryId)];
          return `SELECT ${columns(milestoneRecord.columns)} FROM milestones WHERE installation_id = ${installation()}
           AND repository_id = ${repository()} ORDER BY number`;
        })
      ).map((r) => milestoneRecord.fromColumns(r));
    },

    async getMilestone(installationId, milestoneId) {
      const [found] = await select((bind) => {
        const [installation, milestone] = [bind.value(installationId), bind.value(milestoneId)];
        return `SELECT ${columns(milestoneRecord.columns)} FROM milestones WHERE installation_id = ${installation()} AND milestone_id = ${milestone()}`;
      });
      return found ? milestoneRecord.fromColumns(found) : undefined;
    },

    async countMilestoneItems(installationId, milestoneIds, at) {
      const counts: MilestoneCounts = new Map();
      const step = dialect.idsPerStatement;
      for (const table of ["pull_requests", "issues"]) {
        for (let i = 0; i < milestoneIds.length; i += step) {
          const found = await select((bind) => {
            const [time, installation] = [bind.value(at), bind.value(installationId)];
            const milestones = bind.oneOf(milestoneIds.slice(i, i + step));
            const closed = dialect.countWhere(`closed_at IS NOT NULL AND closed_at <= ${time()}`);
            return `SELECT milestone_id, ${closed},
               COUNT(*) FROM ${table}
             WHERE installation_id = ${installation()} AND milestone_id ${milestones()} AND created_at <= ${time()}
             GROUP BY milestone_id`;
          });
          addMilestoneCounts(counts, found);
        }
      }
      return counts;
    },
  };
}
