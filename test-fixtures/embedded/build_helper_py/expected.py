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

/* Single-phase init (m_size -1) ran this module's body once per process
 * and gave every later import a copy of the first module's namespace.
 * Exec keeps that: the body runs for the first module object only, which
 * is kept here, and later module objects get a copy of its namespace. */
static PyObject *%(prefix)s_body_module = NULL;
static PyObject *%(prefix)s_namespace = NULL;

static int %(prefix)s_exec(PyObject *module);

static PyModuleDef_Slot %(prefix)s_slots[] = {
    {Py_mod_exec, %(prefix)s_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef %(prefix)s_spec = {
    PyModuleDef_HEAD_INIT,
    "%(prefix)s",
    "Built for one test.",
    0,
    %(prefix)s_table,
    %(prefix)s_slots
};
""" % {"prefix": prefix, "rows": "\n".join(rows)}
    return code


def _source(modname, table, init):
    return """\
#define PY_SSIZE_T_CLEAN
#include <Python.h>

%(table)s

static int
%(modname)s_exec_body(PyObject *module)
{
%(init)s
}

/* The namespace later module objects are filled from, as single-phase init
 * kept m_copy: what the body left, minus the attributes the import system
 * sets on each module object itself. */
static int
%(modname)s_keep_namespace(PyObject *module)
{
    static const char *const own_attributes[] = {
        "__name__", "__spec__", "__loader__", "__package__", "__file__"
    };
    PyObject *copy = PyDict_Copy(PyModule_GetDict(module));
    size_t i;

    if (copy == NULL) {
        return -1;
    }
    for (i = 0; i < sizeof(own_attributes) / sizeof(own_attributes[0]); i++) {
        if (PyDict_GetItemString(copy, own_attributes[i]) != NULL
            && PyDict_DelItemString(copy, own_attributes[i]) < 0) {
            Py_DECREF(copy);
            return -1;
        }
    }
    %(modname)s_namespace = copy;
    return 0;
}

#ifndef Py_LIMITED_API
/* A legacy subinterpreter takes the objects the body made there with it when
 * it ends. Single-phase init then ran init again in the next interpreter
 * (CPython 3.8-3.12): forget the body there, so the next import runs it. */
static PyObject *
%(modname)s_forget_body(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    Py_CLEAR(%(modname)s_namespace);
    Py_CLEAR(%(modname)s_body_module);
    Py_RETURN_NONE;
}

static PyMethodDef %(modname)s_forget_body_def = {
    "%(modname)s_forget_body", %(modname)s_forget_body, METH_NOARGS, NULL
};

static int
%(modname)s_forget_at_interpreter_end(void)
{
    PyObject *atexit_module;
    PyObject *callback;
    PyObject *result;

    if (PyThreadState_Get()->interp == PyInterpreterState_Main()) {
        return 0;
    }
    atexit_module = PyImport_ImportModule("atexit");
    if (atexit_module == NULL) {
        return -1;
    }
    callback = PyCFunction_New(&%(modname)s_forget_body_def, NULL);
    if (callback == NULL) {
        Py_DECREF(atexit_module);
        return -1;
    }
    result = PyObject_CallMethod(atexit_module, "register", "O", callback);
    Py_DECREF(callback);
    Py_DECREF(atexit_module);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}
#else
static int
%(modname)s_forget_at_interpreter_end(void)
{
    /* The limited API cannot tell which interpreter runs exec. */
    return 0;
}
#endif

static int
%(modname)s_exec(PyObject *module)
{
    if (%(modname)s_namespace != NULL) {
        return PyDict_Update(PyModule_GetDict(module), %(modname)s_namespace);
    }
    if (%(modname)s_body_module != NULL) {
        /* Imported again from inside its own first exec. */
        PyErr_SetString(PyExc_ImportError,
                        "%(modname)s is imported again while its first import is still running");
        return -1;
    }
    Py_INCREF(module);
    %(modname)s_body_module = module;
    if (%(modname)s_exec_body(module) < 0) {
        Py_CLEAR(%(modname)s_body_module);
        return -1;
    }
    if (%(modname)s_keep_namespace(module) < 0) {
        return -1;
    }
    return %(modname)s_forget_at_interpreter_end();
}

PyMODINIT_FUNC
PyInit_%(modname)s(void)
{
    return PyModuleDef_Init(&%(modname)s_spec);
}
""" % {"modname": modname, "table": table, "init": init}


def make_extension(name, methods, setup="", tmpdir="."):
    table = _methods(name, methods)
    init = "    (void)module;\n" % {"name": name}
    init += """\
    """
    if setup:
        init += "#define FAIL return -1\n"
        init += setup
    init += "\n    return 0;"
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
