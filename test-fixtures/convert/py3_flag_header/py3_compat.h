/* The project's own compatibility header: the Python 3 flag the module tests is set here. */
#ifndef PY3_COMPAT_H
#define PY3_COMPAT_H
#if PY_MAJOR_VERSION >= 3
#define PY3K 1
#endif
#endif
