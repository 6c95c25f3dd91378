import macro_return_in_init as m

assert m.names() == ("width", "height", "depth")
assert m.UNIT == "cm"


class Box:
    width = 3
    height = 4


assert m.area(Box()) == 12
