// The `Coordination` layer; see DESIGN.md.
