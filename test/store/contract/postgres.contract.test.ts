import { openStore } from "../../../src/store/index.js";
import { tempPostgresStore } from "../../helpers/temp-postgres.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("PostgreSQL", async () => {
  const opened = await tempPostgresStore();
  return { ...opened, reopen: () => openStore({ url: opened.url }) };
});
