// A pybind11 module: pybind11 owns initialisation. Nothing to report.
#include <pybind11/pybind11.h>

namespace py = pybind11;

static int add(int a, int b) { return a + b; }

PYBIND11_MODULE(adder, m, py::mod_gil_not_used()) {
    m.doc() = "Adds numbers.";
    m.def("add", &add, "Add two integers");
}
