import { TABLES } from "../schema/index.js";
import type { ActivityReads } from "../store.js";
import { columns, type ReadDialect, type Select } from "./read-dialect.js";

const { installations, repositories } = TABLES;

/** Installations and their repositories. */
export function repositoryReads(
  select: Select,
  dialect: ReadDialect,
): Pick<
  ActivityReads,
  "listInstallations" | "listInstallationIds" | "listRepositories" | "findRepositories"
> {
  return {
    async listInstallations() {
      return (
        await select(
          () =>
            `SELECT ${columns(installations.columns)} FROM installations ORDER BY installation_id`,
        )
      ).map((r) => installations.fromColumns(r));
    },

    async listInstallationIds() {
      return (
        await select(
          () => `SELECT installation_id FROM installations UNION SELECT installation_id FROM repositories
           ORDER BY installation_id`,
        )
      ).map(([installationId]) => installationId as number);
    },

    async listRepositories(installationId) {
      return (
        await select((bind) => {
          const installation = bind.value(installationId);
          return `SELECT ${columns(repositories.columns)} FROM repositories WHERE installation_id = ${installation()}
           ORDER BY ${dialect.byCodePoint("full_name")}`;
        })
      ).map((r) => repositories.fromColumns(r));
    },

    async findRepositories(fullName) {
      return (
        await select((bind) => {
          const name = bind.value(fullName);
          return `SELECT ${columns(repositories.columns)} FROM repositories
           WHERE ${dialect.equalIgnoringCase("full_name", name())} ORDER BY installation_id`;
        })
      ).map((r) => repositories.fromColumns(r));
    },
  };
}
