; Return statements, with their value when they have one.
(return_statement (_)? @value) @return
