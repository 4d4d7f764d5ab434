extension Trace {
    /// Adds a line from machinery outside this module (an orchestrator, a controller) to the trace
    /// and its digest, as the kernel's own notes do.
    public mutating func noteComponent(_ event: String, at time: SimTime, host: HostID?, detail: String) {
        note(event, at: time, host: host, text: detail)
    }
}
