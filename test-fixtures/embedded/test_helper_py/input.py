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

static struct PyModuleDef {name}_def = {{
    PyModuleDef_HEAD_INIT,
    "{name}",
    "Built by the test helper.",
    -1,
    {name}_methods
}};

PyMODINIT_FUNC
PyInit_{name}(void)
{{
    PyObject *m = PyModule_Create(&{name}_def);
    if (m == NULL) {{
        return NULL;
    }}
    if (PyModule_AddIntConstant(m, "answer", {answer}) < 0) {{
        Py_DECREF(m);
        return NULL;
    }}
    return m;
}}
"""

# One line, plain escapes: the smallest module there is.
TINY_SOURCE = "#include <Python.h>\n\nstatic struct PyModuleDef tiny_def = {\n    PyModuleDef_HEAD_INIT, \"tiny\", NULL, -1, NULL\n};\n\nPyMODINIT_FUNC\nPyInit_tiny(void)\n{\n    return PyModule_Create(&tiny_def);\n}\n"


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
