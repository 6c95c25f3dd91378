/* The project's compatibility header: one flag for the Python 3 code. */
#ifndef TPL_COMPAT_H
#define TPL_COMPAT_H
#if PY_MAJOR_VERSION >= 3
#define USING_PY3
#endif
#endif
