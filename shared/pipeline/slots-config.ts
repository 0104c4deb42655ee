// K for this machine: CLUSTERJUDGE_CLUSTERS when set, else counted from its cores and memory.
import { availableParallelism, totalmem } from "node:os";
import { SLOT_LIMITS, machineSlots, type MachineSlots } from "../domain/slots.ts";

export const SLOTS_ENV = "CLUSTERJUDGE_CLUSTERS";

/** Throws with a message for the user when the variable is not a whole number in range. */
export function slotsFromEnv(env: NodeJS.ProcessEnv = process.env): MachineSlots {
  const value = env[SLOTS_ENV];
  if (value === undefined || value === "") return machineSlots(availableParallelism(), totalmem());
  const slots = Number(value);
  if (!Number.isInteger(slots) || slots < 1 || slots > SLOT_LIMITS.slotsMax) {
    throw new Error(
      `${SLOTS_ENV} must be a whole number from 1 to ${SLOT_LIMITS.slotsMax}, not "${value}"`,
    );
  }
  return { slots, why: `${SLOTS_ENV}=${value}` };
}
