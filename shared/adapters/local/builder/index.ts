export { LocalBuilder, type LocalBuilderOptions } from "./local-builder.ts";
