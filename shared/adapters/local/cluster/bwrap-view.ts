// What a node sees of the file system, as bubblewrap arguments: the language runtimes
// (/usr and the /bin, /lib ... links into it, a few files of /etc), its own /etc/passwd and
// /etc/group, a fresh /proc (of its pid namespace) and /dev, a private /tmp and /dev/shm of
// bounded size,
// its code read-only and its DATA_DIR writable. Nothing else of the machine: no /home,
// /root, /run, /var, no other run's folder, no judge.db.
import {
  existsSync,
  lstatSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  writeFileSync,
} from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";
import { NODE_SHM_BYTES, NODE_TMP_BYTES } from "./limits.ts";

/** Top-level folders that are the runtime, bound read-only (or re-made as links into /usr). */
const RUNTIME_TOPS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
/** Files and folders of /etc the runtimes read (TLS roots, the loader, time zone, names). */
const ETC_ENTRIES = [
  "ssl",
  "ca-certificates",
  "ca-certificates.conf",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "alternatives",
  "localtime",
  "timezone",
  "hosts",
  "nsswitch.conf",
  "host.conf",
  "gai.conf",
  "protocols",
  "services",
  "mime.types",
  "os-release",
];
/** Prefixes of /etc folders that belong to one runtime (python3.11, java-17-openjdk). */
const ETC_RUNTIME_PREFIXES = ["python3", "java-"];

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The runtime's part of the view: /usr, the links into it, the /etc entries present here. */
export function runtimeArgs(): string[] {
  const args: string[] = [];
  for (const top of RUNTIME_TOPS) {
    if (!existsSync(top)) continue;
    const stat = lstatSync(top);
    if (stat.isSymbolicLink()) args.push("--symlink", readlinkSync(top), top);
    else args.push("--ro-bind", top, top);
  }
  let etc: string[] = [];
  try {
    etc = readdirSync("/etc");
  } catch {
    // no /etc: nothing to bind
  }
  const wanted = etc.filter(
    (e) => ETC_ENTRIES.includes(e) || ETC_RUNTIME_PREFIXES.some((p) => e.startsWith(p)),
  );
  args.push(...openDir("/etc"));
  for (const entry of wanted.sort()) args.push("--ro-bind", `/etc/${entry}`, `/etc/${entry}`);
  return args;
}

/** A folder made in the view readable by the node (bwrap makes missing parents 0700). */
function openDir(path: string): string[] {
  return ["--perms", "0755", "--dir", path];
}

/** Makes each missing ancestor of `dest` an open folder, once (`made` holds those there). */
function parents(dest: string, made: Set<string>): string[] {
  const args: string[] = [];
  const parts = dest.split(sep).filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const dir = sep + parts.slice(0, i).join(sep);
    if (made.has(dir)) continue;
    made.add(dir);
    args.push(...openDir(dir));
  }
  return args;
}

/** The node's own /etc/passwd and /etc/group: its uid named, so runtimes that look it up work. */
export function passwdFiles(
  dir: string,
  nodeId: string,
  uid: number,
): { passwd: string; group: string } {
  const passwd = join(dir, "passwd");
  const group = join(dir, "group");
  writeFileSync(
    passwd,
    `root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:${uid}:${uid}:${nodeId}:/tmp:/usr/sbin/nologin\n`,
  );
  writeFileSync(group, `root:x:0:\nnode:x:${uid}:\n`);
  return { passwd, group };
}

export interface ViewPaths {
  nodeId: string;
  dataDir: string;
  /** The node's code: its working folder and the absolute paths on its command line. */
  cwd: string;
  argv: string[];
  passwd: string;
  group: string;
}

/** Everything bwrap needs before "--seccomp" and "--": namespaces, then the view. */
export function bwrapArgs(paths: ViewPaths): string[] {
  return viewArgs({
    hostname: paths.nodeId,
    passwd: paths.passwd,
    group: paths.group,
    readOnly: codePaths([paths.cwd, ...paths.argv]),
    writable: [paths.dataDir],
    cwd: paths.cwd,
  });
}

/** A sandboxed process's view: what a node gets, and a build tool (shared/toolchains). */
export interface View {
  hostname: string;
  passwd: string;
  group: string;
  /** Bound read-only at their own paths (from their real paths: code may be a link). */
  readOnly: string[];
  /** Bound writable at their own paths. */
  writable: string[];
  cwd: string;
}

/** The namespaces (pid, ipc, uts, cgroup; not the network's) and the view, as bwrap options. */
export function viewArgs(view: View): string[] {
  const args = [
    "--die-with-parent",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup",
    "--hostname",
    view.hostname,
    ...runtimeArgs(),
    "--ro-bind",
    view.passwd,
    "/etc/passwd",
    "--ro-bind",
    view.group,
    "/etc/group",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--perms",
    "1777",
    "--size",
    String(NODE_TMP_BYTES),
    "--tmpfs",
    "/tmp",
    // POSIX shared memory and semaphores (faketime's wrapper, Python's multiprocessing).
    "--perms",
    "1777",
    "--size",
    String(NODE_SHM_BYTES),
    "--tmpfs",
    "/dev/shm",
  ];
  // Folders the view has already: their own permissions stay (/tmp is 1777).
  const made = new Set(["/etc", "/tmp", "/proc", "/dev", "/dev/shm", ...RUNTIME_TOPS]);
  // Parents first, whatever their mode: a bind hides what was bound inside its path before.
  const binds = [
    ...view.readOnly.map((path) => ({ path, option: "--ro-bind", from: realpathSync(path) })),
    ...view.writable.map((path) => ({ path, option: "--bind", from: path })),
  ].sort((a, b) => a.path.length - b.path.length);
  for (const { path, option, from } of binds) args.push(...parents(path, made), option, from, path);
  args.push("--chdir", resolve(view.cwd));
  return args;
}

/**
 * The paths to bind: each that exists, unless the runtime view has it already; never "/"
 * (that would be the machine); none inside another (its parent's bind shows it).
 */
export function codePaths(paths: string[]): string[] {
  const runtime = RUNTIME_TOPS.filter((t) => existsSync(t));
  const candidates = paths
    .filter((a) => isAbsolute(a) && existsSync(a))
    .map((p) => resolve(p))
    .filter((p) => p !== "/" && !runtime.some((t) => isUnder(p, t)));
  // Shortest first: a path inside one already bound needs nothing more.
  const chosen: string[] = [];
  for (const path of [...new Set(candidates)].sort((a, b) => a.length - b.length)) {
    if (!chosen.some((c) => isUnder(path, c))) chosen.push(path);
  }
  return chosen;
}
