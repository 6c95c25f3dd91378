/* The project's compatibility header: IS_PY3 is its Python 3 flag. */
#ifndef FLAG_COMPAT_H
#define FLAG_COMPAT_H
#if PY_MAJOR_VERSION >= 3
#define IS_PY3
#endif
#endif
