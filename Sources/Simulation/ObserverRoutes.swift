/// The run's observers, and for each observation type seen so far the ones it goes to.
///
/// Every observer used to receive every observation and test it with a chain of dynamic casts,
/// most of which fail (a few percent of a cluster run); an observer that names the types it acts
/// on (``Observer/observedTypes``) is now skipped for the others. A type's route is built at its
/// first observation and keeps registration order, so observers see what they saw before, in the
/// same order.
struct ObserverRoutes {
    private var observers: [any Observer] = []
    /// Per observer, the types it takes (nil: all).
    private var interests: [[ObjectIdentifier]?] = []
    /// The types seen so far and their observers; a run emits a dozen types, so a scan is enough.
    private var types: [ObjectIdentifier] = []
    private var routes: [[any Observer]] = []

    mutating func add(_ observer: any Observer) {
        observers.append(observer)
        interests.append(observer.observedTypes.map { $0.map { ObjectIdentifier($0) } })
        types.removeAll()
        routes.removeAll()
    }

    /// The observers of observations of type `type`, in registration order.
    mutating func route(for type: any Observation.Type) -> [any Observer] {
        let id = ObjectIdentifier(type)
        for i in types.indices where types[i] == id { return routes[i] }
        let route = observers.indices.filter { interests[$0]?.contains(id) ?? true }.map { observers[$0] }
        types.append(id)
        routes.append(route)
        return route
    }
}
