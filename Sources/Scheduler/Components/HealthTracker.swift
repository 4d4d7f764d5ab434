/// Health-check bookkeeping for one backend, as HAProxy's `check->health` counter
/// (`src/check.c`, `set_server_check_status`; HAProxy 2.x).
///
/// `health` runs from 0 to `rise + fall - 1`; the backend is up while it is at least `rise`. A
/// failed check takes one off, and below `rise` drops it to 0 (down); a passed check adds one, and
/// at `rise` lifts it to the top. So a backend that was up goes down after `fall` failed checks in
/// a row, and one that was down comes up after `rise` passed checks in a row; one contrary result
/// starts the count again. Results count as they arrive, one per finished check.
public struct HealthTracker: Equatable, Sendable {
    public let fall: Int
    public let rise: Int
    public private(set) var health: Int

    /// A backend as HAProxy 2.x starts it (`srv_settings_cpy`: "health: up, but will fall down at
    /// first failure"): up, with `health == rise`, so its first failed check takes it down.
    public init(fall: Int, rise: Int) {
        precondition(fall >= 1 && rise >= 1, "fall and rise must be ≥ 1")
        self.fall = fall
        self.rise = rise
        self.health = rise
    }

    public var isHealthy: Bool { health >= rise }

    /// Records one finished check; returns whether the backend's health changed.
    public mutating func record(passed: Bool) -> Bool {
        let wasHealthy = isHealthy
        if passed {
            if health < rise + fall - 1 {
                health += 1
                if health >= rise { health = rise + fall - 1 }
            }
        } else if health > 0 {
            health -= 1
            if health < rise { health = 0 }
        }
        assert((0...(rise + fall - 1)).contains(health), "health stays within HAProxy's bounds")
        return isHealthy != wasHealthy
    }
}
