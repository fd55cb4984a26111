import { openStore } from "../../../src/store/index.js";
import { tempPostgresStore } from "../../helpers/temp-postgres.js";
import { describeOperationsContract } from "./operations-contract.js";

// Apart from the activity contract, so that the two run side by side.
describeOperationsContract(
  "PostgreSQL",
  async () => {
    const opened = await tempPostgresStore();
    return { ...opened, reopen: () => openStore({ url: opened.url }) };
  },
  { replicas: true },
);
