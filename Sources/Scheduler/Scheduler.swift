// The `Scheduler` layer; see DESIGN.md.
