import { openStore } from "../../../src/store/index.js";
import { tempStore } from "../../helpers/temp-store.js";
import { describeOperationsContract } from "./operations-contract.js";
import { describeStoreContract } from "./store-contract.js";

const open = async () => {
  const opened = await tempStore();
  return { ...opened, reopen: () => openStore({ path: opened.path }) };
};

describeStoreContract("SQLite", open);
describeOperationsContract("SQLite", open, { replicas: false });
