export { LocalStore, type LocalStoreOptions } from "./local-store.ts";
export { openDatabase } from "./database.ts";
