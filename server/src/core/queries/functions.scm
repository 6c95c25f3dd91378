; Every function definition, wherever it sits (top level, extern "C",
; preprocessor branches, or inside an ERROR the parser recovered from).
(function_definition
  body: (compound_statement) @body) @function
