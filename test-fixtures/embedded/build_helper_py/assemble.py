"""Run the helper (input or converted) as a test would, up to the compiler.

Prints a JSON list of {"name", "source"}: the C that make_extension writes
for a module with no setup code and for one whose setup code uses FAIL.
"""
import importlib.util
import json
import os
import sys
import tempfile


class Captured(Exception):
    pass


class NoCompiler:
    """Stands in for subprocess: the C is written, then nothing is built."""

    @staticmethod
    def check_call(args):
        raise Captured()


def load(path):
    spec = importlib.util.spec_from_file_location("helper_under_test", path)
    helper = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helper)
    helper.subprocess = NoCompiler
    return helper


METHODS = [
    ("twice", "METH_O", "    long v = PyLong_AsLong(arg);\n    if (v == -1 && PyErr_Occurred()) {\n        return NULL;\n    }\n    return PyLong_FromLong(2 * v);"),
    ("same", "METH_O", "    Py_INCREF(arg);\n    return arg;"),
]
SETUP = '    if (PyModule_AddIntConstant(module, "answer", 42) < 0) {\n        FAIL;\n    }\n'


def main():
    helper = load(sys.argv[1])
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, setup in (("built_plain", ""), ("built_setup", SETUP)):
            try:
                helper.make_extension(name, METHODS, setup=setup, tmpdir=tmp)
            except Captured:
                pass
            with open(os.path.join(tmp, name + ".c")) as f:
                out.append({"name": name, "source": f.read()})
    json.dump(out, sys.stdout)


main()
