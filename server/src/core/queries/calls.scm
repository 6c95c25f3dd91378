; Calls by plain name: creation, PyModuleDef_Init, PyState_*, DECREFs,
; import macros. Rules filter by name; one query serves them all.
(call_expression
  function: (identifier) @name
  arguments: (argument_list) @args) @call
