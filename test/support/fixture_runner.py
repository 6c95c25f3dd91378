"""Runs inside the interpreter under test, for one fixture build.

usage: fixture_runner.py MODE BUILD_DIR SMOKE_PY MODULES_JSON

MODE is "single" (the unconverted input) or "multi" (the converted output).
MODULES_JSON is [{"name": ..., "onceGuard": bool}, ...].

Checks, in order:
1. PyInit_<name>, called through ctypes, returns a module object (single)
   or a PyModuleDef (multi) -- the defining difference of PEP 489.
2. multi only: the first load is done by hand (create, then exec), checking
   that exec leaves the module's reference count alone or higher.
   The smoke script passes (importing what step 2 put in sys.modules).
3. multi only: a second module object can be made from the same file. With
   a once-per-process guard its exec must raise ImportError; without one,
   the smoke script must pass again against fresh module objects.
4. The modules are dropped and garbage-collected before exit.
Any failure raises; the exit status and traceback tell the test why.
Written for Python 3.8+ (no newer syntax).
"""
import ctypes
import gc
import importlib.machinery
import importlib.util
import json
import runpy
import sys

GUARD_MESSAGE = "cannot load module more than once per process"


def find_spec(name, build_dir):
    # PathFinder ignores sys.modules, so this always gives a fresh spec.
    spec = importlib.machinery.PathFinder.find_spec(name, [build_dir])
    assert spec is not None, "%s not found in %s" % (name, build_dir)
    assert isinstance(spec.loader, importlib.machinery.ExtensionFileLoader), spec.loader
    return spec


def check_init_result(name, origin, mode):
    init = getattr(ctypes.PyDLL(origin), "PyInit_" + name)
    init.restype = ctypes.py_object
    result = init()
    # ctypes takes the returned reference as its own; a PyModuleDef is a
    # static object, so keep one reference forever to be safe at exit.
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    kind = type(result).__name__
    expected = "moduledef" if mode == "multi" else "module"
    assert kind == expected, "PyInit_%s returned a %s, expected a %s" % (name, kind, expected)


def first_load(name, build_dir):
    # Create and exec by hand, so the module's reference count can be read
    # between the two steps. exec gets a borrowed module: it may add
    # references (a static global holding it) but must never release one.
    spec = find_spec(name, build_dir)
    module = importlib.util.module_from_spec(spec)
    before = sys.getrefcount(module)
    spec.loader.exec_module(module)
    after = sys.getrefcount(module)
    assert after >= before, "%s: exec released the module it borrows (refcount %d -> %d)" % (name, before, after)
    sys.modules[name] = module


def run_smoke(smoke):
    runpy.run_path(smoke, run_name="__main__")


def check_second_load(modules, build_dir, smoke):
    first = {m["name"]: sys.modules[m["name"]] for m in modules}
    guarded = [m for m in modules if m["onceGuard"]]
    for m in guarded:
        spec = find_spec(m["name"], build_dir)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except ImportError as e:
            assert GUARD_MESSAGE in str(e), "unexpected ImportError: %s" % e
        else:
            raise AssertionError("second exec of %s did not raise ImportError" % m["name"])
    if guarded:
        return
    replayed = [m["name"] for m in modules if m.get("replay")]
    for name in first:
        del sys.modules[name]
    if replayed:
        # Replay: the new module objects are filled from the first one's
        # namespace, as single-phase init (m_size -1) did, so their functions
        # are the very objects of the first import. The smoke script may have
        # changed the first module since; the behaviour tier compares that
        # with the original instead.
        for name in replayed:
            old = first[name]
            new = importlib.import_module(name)
            assert new is not old, "%s: re-import returned the same module object" % name
            shared = [k for k, v in vars(new).items() if callable(v) and vars(old).get(k) is v]
            assert shared, "%s: the replayed module shares no function with the first one" % name
        return
    run_smoke(smoke)
    for name, old in first.items():
        new = sys.modules[name]
        assert new is not old, "%s: re-import returned the same module object" % name
        assert type(new).__name__ == "module"


def release_all(modules):
    # Free every module object now, while the process still runs checks: an
    # exec that released its borrowed module, or a broken m_clear/m_free,
    # crashes or trips the debug allocator (-X dev) here.
    for m in modules:
        sys.modules.pop(m["name"], None)
    for _ in range(3):
        gc.collect()


def main():
    mode, build_dir, smoke, modules_json = sys.argv[1:5]
    modules = json.loads(modules_json)
    sys.dont_write_bytecode = True
    sys.path.insert(0, build_dir)
    for m in modules:
        check_init_result(m["name"], find_spec(m["name"], build_dir).origin, mode)
    if mode == "multi":
        for m in modules:
            first_load(m["name"], build_dir)
    run_smoke(smoke)
    for m in modules:
        origin = getattr(sys.modules[m["name"]], "__file__", "")
        assert origin.startswith(build_dir), "%s imported from %s" % (m["name"], origin)
    if mode == "multi":
        check_second_load(modules, build_dir, smoke)
    release_all(modules)
    print("ok %s %s" % (mode, sys.version.split()[0]))


if __name__ == "__main__":
    main()
