// The `Scenarios` layer; see DESIGN.md.
