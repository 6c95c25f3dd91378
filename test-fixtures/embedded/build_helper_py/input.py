"""Build a throwaway extension module for one test, then import it.

``make_extension(name, methods, setup="")`` writes the C source, compiles it
with the compiler that built Python and imports the result. Each method is a
``(python_name, flags, c_body)`` triple; ``setup`` is C that runs at the end
of the module's init and may use ``FAIL`` to give up.
"""

import importlib.util
import os
import subprocess
import sysconfig


def _methods(prefix, methods):
    """The method functions and the PyMethodDef table for them."""
    functions = []
    rows = []
    for pyname, flags, body in methods:
        cname = prefix + "_" + pyname
        functions.append(
            "static PyObject *\n%s(PyObject *self, PyObject *arg)\n{\n%s\n}\n"
            % (cname, body))
        rows.append('    {"%s", (PyCFunction)%s, %s, NULL},' % (pyname, cname, flags))
    code = "\n".join(functions)
    code += """
static PyMethodDef %(prefix)s_table[] = {
%(rows)s
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef %(prefix)s_spec = {
    PyModuleDef_HEAD_INIT,
    "%(prefix)s",
    "Built for one test.",
    -1,
    %(prefix)s_table
};
""" % {"prefix": prefix, "rows": "\n".join(rows)}
    return code


def _source(modname, table, init):
    return """\
#define PY_SSIZE_T_CLEAN
#include <Python.h>

%(table)s

PyMODINIT_FUNC
PyInit_%(modname)s(void)
{
%(init)s
}
""" % {"modname": modname, "table": table, "init": init}


def make_extension(name, methods, setup="", tmpdir="."):
    table = _methods(name, methods)
    init = "    PyObject *module = PyModule_Create(&%(name)s_spec);\n" % {"name": name}
    init += """\
    if (module == NULL) {
        return NULL;
    }
"""
    if setup:
        init += "#define FAIL return NULL\n"
        init += setup
    init += "\n    return module;"
    source = _source(name, table, init)
    path = os.path.join(tmpdir, name + ".c")
    with open(path, "w") as f:
        f.write(source)
    target = os.path.join(tmpdir, name + sysconfig.get_config_var("EXT_SUFFIX"))
    include = sysconfig.get_paths()["include"]
    subprocess.check_call(["cc", "-shared", "-fPIC", "-I" + include, "-o", target, path])
    spec = importlib.util.spec_from_file_location(name, target)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
