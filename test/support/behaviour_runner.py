"""Observes how one build of a fixture behaves, for the behaviour-equivalence tier.

usage: behaviour_runner.py SCENARIO BUILD_DIR SMOKE_PY MODULES_JSON

SCENARIO "main": import, smoke script, del sys.modules + gc.collect() +
re-import, the smoke script on the re-imported module, m_free calls while the
first module is alive (fixtures exposing free_calls()), import in a legacy
subinterpreter (_testcapi.run_in_subinterp) and in an isolated one
(_xxsubinterpreters on 3.12, _interpreters on 3.13+).
SCENARIO "sub-first": the first import happens in a legacy subinterpreter,
then the module is imported and smoke-tested in the main interpreter.

Each observation is printed as one JSON line {"key": ..., "value": ...} and
flushed at once, so a crash still leaves what was seen before it. The test
compares the original's lines with the converted module's.
Written for Python 3.8+ (no newer syntax).
"""
import gc
import importlib
import json
import os
import runpy
import sys
import tempfile


def say(key, value):
    sys.stdout.write(json.dumps({"key": key, "value": value}) + "\n")
    sys.stdout.flush()


def outcome(fn):
    try:
        fn()
        return "ok"
    except BaseException as e:  # the kind of failure is the observation
        return type(e).__name__


def run_smoke(smoke):
    runpy.run_path(smoke, run_name="__main__")


def collect():
    for _ in range(3):
        gc.collect()


SUB_CODE = """
import sys
sys.path.insert(0, %(build)r)
result = "ok"
try:
    for name in %(names)r:
        __import__(name)
except BaseException as e:
    result = type(e).__name__
with open(%(out)r, "w") as f:
    f.write(result)
"""


def in_subinterpreter(run, build_dir, names):
    fd, path = tempfile.mkstemp()
    os.close(fd)
    try:
        code = SUB_CODE % {"build": build_dir, "names": names, "out": path}
        try:
            run(code)
        except BaseException as e:
            return "run failed: %s" % type(e).__name__
        with open(path) as f:
            return f.read() or "no result"
    finally:
        os.unlink(path)


def legacy(code):
    import _testcapi
    _testcapi.run_in_subinterp(code)


def isolated_runner():
    try:
        import _interpreters as interpreters
        make = interpreters.create
    except ImportError:
        try:
            import _xxsubinterpreters as interpreters
        except ImportError:
            return None
        if sys.version_info < (3, 12):
            return None  # no isolation before 3.12

        def make():
            return interpreters.create(isolated=True)

    def run(code):
        iid = make()
        try:
            interpreters.run_string(iid, code)
        finally:
            interpreters.destroy(iid)

    return run


def free_calls(modules):
    counts = [m.free_calls() for m in modules if hasattr(m, "free_calls")]
    return sum(counts) if counts else None


def scenario_main(build_dir, smoke, names):
    first = []
    result = outcome(lambda: first.extend(importlib.import_module(n) for n in names))
    say("import", result)
    if result != "ok":
        return
    say("smoke", outcome(lambda: run_smoke(smoke)))
    functions = [dict((k, v) for k, v in vars(m).items() if callable(v) and not k.startswith("__")) for m in first]
    for n in names:
        del sys.modules[n]
    collect()
    say("free calls after del + gc (first module alive)", free_calls(first))
    again = []
    result = outcome(lambda: again.extend(importlib.import_module(n) for n in names))
    say("re-import", result)
    if result == "ok":
        say("re-import gives a new module object", all(a is not b for a, b in zip(again, first)))
        say("re-import shares the first import's functions", all(all(vars(m).get(k) is v for k, v in f.items()) for m, f in zip(again, functions)))
        say("smoke on the re-imported module", outcome(lambda: run_smoke(smoke)))
    collect()
    say("free calls after re-import + gc (first module alive)", free_calls(first))
    say("legacy subinterpreter import", in_subinterpreter(legacy, build_dir, names))
    collect()
    say("free calls after the legacy subinterpreter", free_calls(first))
    run = isolated_runner()
    if run is not None:
        say("isolated subinterpreter import", in_subinterpreter(run, build_dir, names))
    say("module still works at the end", outcome(lambda: run_smoke(smoke)) if all(n in sys.modules for n in names) else "not loaded")


def scenario_sub_first(build_dir, smoke, names):
    say("first import in a legacy subinterpreter", in_subinterpreter(legacy, build_dir, names))
    collect()
    say("then import in the main interpreter", outcome(lambda: [importlib.import_module(n) for n in names]))
    say("then smoke in the main interpreter", outcome(lambda: run_smoke(smoke)))


def main():
    scenario, build_dir, smoke, names_json = sys.argv[1:5]
    names = json.loads(names_json)
    sys.dont_write_bytecode = True
    sys.path.insert(0, build_dir)
    if scenario == "main":
        scenario_main(build_dir, smoke, names)
    else:
        scenario_sub_first(build_dir, smoke, names)
    say("finished", True)


if __name__ == "__main__":
    main()
