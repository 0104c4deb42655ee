// A classic-BPF interpreter for seccomp programs, written apart from the generator so the
// tests judge its output by running it: it reads struct sock_filter[] bytes, checks them
// the way the kernel does before loading a filter (length, opcodes, load offsets, jump
// targets, a final return), then runs them over a struct seccomp_data. It knows only the five
// instructions seccomp.ts emits and refuses any other.

export interface SockFilter {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** linux/bpf_common.h */
const BPF_MAXINSNS = 4096;
/** sizeof(struct seccomp_data): nr, arch, instruction_pointer, args[6]. */
export const SECCOMP_DATA_BYTES = 64;

const LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
const JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const JGE_K = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const JSET_K = 0x45; // BPF_JMP | BPF_JSET | BPF_K
const RET_K = 0x06; // BPF_RET | BPF_K
const JUMPS = new Set([JEQ_K, JGE_K, JSET_K]);

/** struct sock_filter[] (little-endian, 8 bytes each) as instructions. */
export function decodeFilter(bytes: Buffer): SockFilter[] {
  if (bytes.length % 8 !== 0) throw new Error(`${bytes.length} bytes is not whole instructions`);
  const program: SockFilter[] = [];
  for (let at = 0; at < bytes.length; at += 8) {
    program.push({
      code: bytes.readUInt16LE(at),
      jt: bytes.readUInt8(at + 2),
      jf: bytes.readUInt8(at + 3),
      k: bytes.readUInt32LE(at + 4),
    });
  }
  return program;
}

/** Throws where the kernel's checks (bpf_check_classic, seccomp_check_filter) would refuse. */
export function checkFilter(program: SockFilter[]): void {
  if (program.length === 0 || program.length > BPF_MAXINSNS) {
    throw new Error(`${program.length} instructions: a filter has 1 to ${BPF_MAXINSNS}`);
  }
  program.forEach(({ code, jt, jf, k }, pc) => {
    if (code === LD_W_ABS) {
      if (k % 4 !== 0 || k >= SECCOMP_DATA_BYTES) {
        throw new Error(`instruction ${pc} loads from offset ${k}, outside seccomp_data`);
      }
    } else if (JUMPS.has(code)) {
      if (pc + 1 + Math.max(jt, jf) >= program.length) {
        throw new Error(`instruction ${pc} jumps past the end`);
      }
    } else if (code !== RET_K) {
      throw new Error(`instruction ${pc} has opcode 0x${code.toString(16)}, not one of ours`);
    }
  });
  if (program.at(-1)?.code !== RET_K) throw new Error("the last instruction is not a return");
}

/** struct seccomp_data as the kernel lays it out on a little-endian machine. */
export function seccompData(arch: number, nr: number, args: bigint[] = []): Buffer {
  if (args.length > 6) throw new Error("a system call has at most 6 arguments");
  const data = Buffer.alloc(SECCOMP_DATA_BYTES);
  data.writeUInt32LE(nr >>> 0, 0);
  data.writeUInt32LE(arch >>> 0, 4);
  args.forEach((a, i) => data.writeBigUInt64LE(BigInt.asUintN(64, a), 16 + 8 * i));
  return data;
}

/** The program's verdict (a SECCOMP_RET_* value) for one call; checks the program first. */
export function runFilter(bytes: Buffer, data: Buffer): number {
  const program = decodeFilter(bytes);
  checkFilter(program);
  let acc = 0;
  // Every jump goes forward, so the loop ends; checkFilter made the last instruction a return.
  for (let pc = 0; ;) {
    const { code, jt, jf, k } = program[pc] as SockFilter;
    switch (code) {
      case LD_W_ABS:
        acc = data.readUInt32LE(k);
        pc += 1;
        break;
      case JEQ_K:
        pc += 1 + (acc === k ? jt : jf);
        break;
      case JGE_K:
        pc += 1 + (acc >= k ? jt : jf);
        break;
      case JSET_K:
        pc += 1 + ((acc & k) !== 0 ? jt : jf);
        break;
      case RET_K:
        return k;
      default:
        throw new Error(`opcode 0x${code.toString(16)} at ${pc}`);
    }
  }
}
