import { tempStore } from "../../helpers/temp-store.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("SQLite", tempStore);
