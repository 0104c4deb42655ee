export { LocalQueue, type LocalQueueOptions, type DeadLetter } from "./local-queue.ts";
