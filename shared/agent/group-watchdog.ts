// Takes the node's process group down with the agent, however the agent dies. Its own exit
// hooks do not run on SIGKILL, and a parent-death signal (setpriv) reaches only the first
// process, so a bare agent (a test's, a container's entrypoint) would leave its node
// running. The watchdog is a tiny shell in a session of its own whose stdin is a pipe from
// the agent: the kernel closes that pipe when the agent dies, `read` sees the end, and the
// shell kills the whole group. A line on the pipe is the agent's "all gone, stand down".
import { spawn } from "node:child_process";

/** Reads one line: a line means released, the end of the pipe means the agent is dead. */
const SCRIPT = 'read -r _ || kill -9 "-$1"';

export interface GroupWatchdog {
  /** The group is gone (or being reaped): the watchdog leaves without killing anything. */
  release(): void;
}

/** Arms a watchdog over the process group `pgid`; `note` hears if it could not start. */
export function watchGroup(pgid: number, note: (line: string) => void): GroupWatchdog {
  const dog = spawn("/bin/sh", ["-c", SCRIPT, "cj-watchdog", String(pgid)], {
    // Its own session: a signal to the agent's group (a judge killing it) must miss it.
    detached: true,
    // Nothing inherited: the agent's environment may hold its config and control token.
    env: {},
    stdio: ["pipe", "ignore", "ignore"],
  });
  dog.once("error", (err) => note(`no watchdog over pid ${pgid}: ${err.message}`));
  dog.stdin.on("error", () => {}); // the watchdog already left: nothing to release
  dog.unref();
  return { release: () => dog.stdin.end("\n") };
}
