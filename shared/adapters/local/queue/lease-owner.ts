// Who holds a message's lease: this process, named by pid. A judge that was killed leaves
// leases behind; a new judge on the same machine sees their process is gone and takes the
// messages back at once instead of waiting for the leases to expire.

export function leaseOwner(): string {
  return `pid:${process.pid}`;
}

/** True when the owner is a process on this machine that no longer runs. */
export function ownerIsGone(owner: string | null): boolean {
  const match = /^pid:(\d+)$/.exec(owner ?? "");
  if (!match) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
