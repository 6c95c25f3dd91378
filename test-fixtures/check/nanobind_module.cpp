// A nanobind module: nanobind owns initialisation. Nothing to report.
#include <nanobind/nanobind.h>

namespace nb = nanobind;

static int mul(int a, int b) { return a * b; }

NB_MODULE(multiplier, m) {
    m.def("mul", &mul);
}
