"""Reading inputs and writing outputs: the only modules that touch files."""
