import cpp_module as cm

assert cm.sorted_words("pear apple  fig") == ["apple", "fig", "pear"]
assert cm.sorted_words("") == []
assert cm.word_count("one two three") == 3
assert cm.SEPARATOR == " "
assert cm.__doc__ == "Word helpers written in C++."
try:
    cm.word_count(3)
except TypeError:
    pass
else:
    raise AssertionError("word_count(3) must raise TypeError")
