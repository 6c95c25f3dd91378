"""Test helpers that build small extension modules from C source strings.

The tests call ``module_source(name)`` and compile the result with the
compiler that built Python; see ``build_module``.
"""

import os
import subprocess
import sysconfig

# A whole module; .format fills in the name, so C braces are doubled.
MODULE_TEMPLATE = """\
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
{name}_double(PyObject *self, PyObject *arg)
{{
    long value = PyLong_AsLong(arg);
    if (value == -1 && PyErr_Occurred()) {{
        return NULL;
    }}
    return PyLong_FromLong(2 * value);
}}

static PyMethodDef {name}_methods[] = {{
    {{"double", {name}_double, METH_O, "Twice the argument."}},
    {{NULL, NULL, 0, NULL}}
}};

static int {name}_exec(PyObject *m);

static PyModuleDef_Slot {name}_slots[] = {{
    {{Py_mod_exec, {name}_exec}},
#ifdef Py_mod_multiple_interpreters
    {{Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED}},
#endif
#ifdef Py_mod_gil
    {{Py_mod_gil, Py_MOD_GIL_USED}},
#endif
    {{0, NULL}}
}};

static struct PyModuleDef {name}_def = {{
    PyModuleDef_HEAD_INIT,
    "{name}",
    "Built by the test helper.",
    0,
    {name}_methods,
    {name}_slots
}};

static int
{name}_exec(PyObject *m)
{{
    if (PyModule_AddIntConstant(m, "answer", {answer}) < 0) {{
        return -1;
    }}
    return 0;
}}

PyMODINIT_FUNC
PyInit_{name}(void)
{{
    return PyModuleDef_Init(&{name}_def);
}}
"""

# One line, plain escapes: the smallest module there is.
TINY_SOURCE = "#include <Python.h>\n\nstatic PyModuleDef_Slot tiny_slots[] = {\n#ifdef Py_mod_multiple_interpreters\n    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},\n#endif\n#ifdef Py_mod_gil\n    {Py_mod_gil, Py_MOD_GIL_USED},\n#endif\n    {0, NULL}\n};\n\nstatic struct PyModuleDef tiny_def = {\n    PyModuleDef_HEAD_INIT, \"tiny\", NULL, 0, NULL, tiny_slots\n};\n\nPyMODINIT_FUNC\nPyInit_tiny(void)\n{\n    return PyModuleDef_Init(&tiny_def);\n}\n"


def module_source(name, answer=42):
    return MODULE_TEMPLATE.format(name=name, answer=answer)


def split_source(name, body):
    """A module whose init body the caller writes: the init is in pieces."""
    return (
        "#include <Python.h>\n"
        + f"PyMODINIT_FUNC PyInit_{name}(void)\n{{\n"
        + body
        + "}\n"
    )


def build_module(source, name, tmpdir):
    path = os.path.join(tmpdir, name + ".c")
    with open(path, "w") as f:
        f.write(source)
    target = os.path.join(tmpdir, name + sysconfig.get_config_var("EXT_SUFFIX"))
    include = sysconfig.get_paths()["include"]
    subprocess.check_call(["cc", "-shared", "-fPIC", "-I" + include, "-o", target, path])
    return target
