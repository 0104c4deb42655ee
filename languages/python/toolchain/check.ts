// The checks run by Debian's python3 over a copied Python submission: every .py file must
// compile, and every import must resolve to the standard library, grpc, google.protobuf or the
// submission's own modules (the generated stubs included). Kept as source text so the build
// needs no file beside this one; it prints one JSON list of diagnostics.
//
// The source is the learner's, so the check survives any of it: its address space is capped
// (argv[2] bytes), and whatever compiling a file raises (a SyntaxError, but also the
// RecursionError of a 10^6-term expression or the MemoryError of a parser stack overflow or a
// 10 MiB literal) is that file's diagnostic. Before each file it writes `checking "<file>"` to
// stderr, so when the time bound stops it (or it crashes) the caller knows which file it was.

/** What the checker says, for the caller's messages and the tests. */
export const pythonCheckMessages = {
  tooDeep:
    "too deeply nested for Python's compiler (maximum recursion depth exceeded): split the long expression on this line",
  memory: (mib: number) =>
    `compiling this file needed more than ${mib} MiB of memory (the memory bound of the Python check), or nests too deeply for Python's parser: shorten or split the long expression on this line`,
  time: (seconds: number) =>
    `checking this file did not finish within ${seconds} s (the time bound of the Python check): shorten or split its long expressions`,
  crash: (signal: string) =>
    `python3 crashed (${signal}) while checking this file: shorten or split its long expressions`,
};

/** The stderr line the checker writes before each file. */
export const checkingPrefix = "checking ";

export const pythonCheckScript = (memoryMiB: number) => String.raw`
import ast, json, os, resource, sys

root = sys.argv[1]
memory = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
third_party = {"grpc"}
out = []
TOO_DEEP = ${JSON.stringify(pythonCheckMessages.tooDeep)}
MEMORY = ${JSON.stringify(pythonCheckMessages.memory(memoryMiB))}

def local_modules():
    names = set()
    for name in os.listdir(root):
        path = os.path.join(root, name)
        if name.endswith(".py"):
            names.add(name[:-3])
        elif os.path.isdir(path):
            names.add(name)
    return names

local = local_modules()

def allowed(module, names):
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or top in third_party or top in local:
        return True
    if top == "google":
        if module == "google":
            return all(n == "protobuf" for n in names)
        return module == "google.protobuf" or module.startswith("google.protobuf.")
    return False

def report(rel, line, col, message):
    out.append({"file": rel, "line": line, "column": col, "message": message})

def longest_line(source):
    # Where a too-deep or too-large expression is: the parser and compiler say no line.
    best, best_len = None, -1
    for number, text in enumerate(source.split(b"\n"), 1):
        if len(text) > best_len:
            best, best_len = number, len(text)
    return best

def check_file(path):
    rel = os.path.relpath(path, root)
    sys.stderr.write(${JSON.stringify(checkingPrefix)} + json.dumps(rel) + "\n")
    sys.stderr.flush()
    with open(path, "rb") as f:
        source = f.read()
    try:
        compile(source, rel, "exec", dont_inherit=True)
        tree = ast.parse(source, rel)
    except SyntaxError as e:
        report(rel, e.lineno, e.offset or None, e.__class__.__name__ + ": " + str(e.msg))
        return
    except RecursionError:
        report(rel, longest_line(source), None, TOO_DEEP)
        return
    except MemoryError:
        report(rel, longest_line(source), None, MEMORY)
        return
    except Exception as e:
        report(rel, None, None, "cannot compile: " + e.__class__.__name__ + ": " + str(e)[:500])
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not allowed(alias.name, []):
                    report(rel, node.lineno, node.col_offset + 1, unresolved(alias.name))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if not allowed(node.module, [a.name for a in node.names]):
                report(rel, node.lineno, node.col_offset + 1, unresolved(node.module))

def unresolved(module):
    return ("import of '" + module + "' cannot be resolved: only the Python standard library, "
            "grpc, google.protobuf and your own modules are available")

for dirpath, dirnames, filenames in os.walk(root):
    dirnames.sort()
    for name in sorted(filenames):
        if name.endswith(".py"):
            check_file(os.path.join(dirpath, name))

print(json.dumps(out))
`;
