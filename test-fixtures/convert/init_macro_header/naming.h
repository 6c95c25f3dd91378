/* The project's own header: it spells every init through one macro. */
#ifndef NAMING_H
#define NAMING_H
#define INIT_MODULE(name) PyInit_ ## name
#endif
