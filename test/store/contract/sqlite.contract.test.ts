import { openStore } from "../../../src/store/index.js";
import { tempStore } from "../../helpers/temp-store.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract(
  "SQLite",
  async () => {
    const opened = await tempStore();
    return { ...opened, reopen: () => openStore({ path: opened.path }) };
  },
  { replicas: false },
);
