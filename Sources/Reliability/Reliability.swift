// The `Reliability` layer; see DESIGN.md.
