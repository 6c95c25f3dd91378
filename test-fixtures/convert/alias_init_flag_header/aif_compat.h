/* The project's compatibility header: the flag the module tests. */
#if PY_MAJOR_VERSION >= 3
#define AIF_PY3
#endif
