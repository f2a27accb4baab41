"""One module per noun; each is thin: parse options, call the library, render."""
