// The checks run by Debian's python3 over a copied Python submission: every .py file must
// compile, and every import must resolve to the standard library, grpc, google.protobuf or the
// submission's own modules (the generated stubs included). Kept as source text so the build
// needs no file beside this one; it prints one JSON list of diagnostics.

export const pythonCheckScript = String.raw`
import ast, json, os, sys

root = sys.argv[1]
third_party = {"grpc"}
out = []

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

def check_file(path):
    rel = os.path.relpath(path, root)
    with open(path, "rb") as f:
        source = f.read()
    try:
        compile(source, rel, "exec", dont_inherit=True)
        tree = ast.parse(source, rel)
    except SyntaxError as e:
        report(rel, e.lineno, e.offset, e.__class__.__name__ + ": " + str(e.msg))
        return
    except ValueError as e:
        report(rel, None, None, "cannot compile: " + str(e))
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
