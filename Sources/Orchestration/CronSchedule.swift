import Simulation

/// A CronJob's `schedule`: the standard five cron fields (minute, hour, day of month, month, day of
/// week), as kube-controller-manager parses them (github.com/robfig/cron/v3 `ParseStandard`).
///
/// Supported: `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b-c`, and the macros
/// `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`. Day of week 0 or
/// 7 is Sunday. When both day fields are restricted, a day matches either (robfig/cron `dayMatches`,
/// as Vixie cron). Not supported: month and day names, `?`, `TZ=`/`CRON_TZ=` prefixes, `@every`.
/// Simulated time zero is 1970-01-01 00:00 UTC (a Thursday); the controller's time zone is UTC.
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    /// Allowed values per field, as bit sets.
    let minutes: UInt64, hours: UInt64, days: UInt64, months: UInt64, weekdays: UInt64
    /// Whether the day-of-month / day-of-week field was `*` (robfig/cron's `starBit`).
    let anyDay: Bool, anyWeekday: Bool
    public let description: String

    /// Parses `text`; the error says what is wrong.
    public init(_ text: String) throws(CronScheduleError) {
        let macros = [
            "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
            "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
        ]
        description = text
        let expanded = text.hasPrefix("@") ? macros[text] : text
        guard let expanded else { throw CronScheduleError("an unknown macro \(text)") }
        let fields = expanded.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else { throw CronScheduleError("5 fields (minute hour day-of-month month day-of-week), found \(fields.count)") }
        minutes = try Self.field(fields[0], 0...59, "minute")
        hours = try Self.field(fields[1], 0...23, "hour")
        days = try Self.field(fields[2], 1...31, "day of month")
        months = try Self.field(fields[3], 1...12, "month")
        var week = try Self.field(fields[4], 0...7, "day of week")
        if week & (1 << 7) != 0 { week |= 1 }  // 7 is Sunday too
        weekdays = week & 0x7F
        anyDay = fields[2].hasPrefix("*")
        anyWeekday = fields[4].hasPrefix("*")
    }

    static func field(_ text: String, _ range: ClosedRange<Int>, _ name: String) throws(CronScheduleError) -> UInt64 {
        var bits: UInt64 = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw CronScheduleError("one step in \"\(part)\" (\(name))") }
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s >= 1 else { throw CronScheduleError("a positive step in \"\(part)\" (\(name))") }
                step = s
            }
            var low = range.lowerBound, high = range.upperBound
            if pieces[0] != "*" {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
                guard bounds.count <= 2, let first = bounds[0], let last = bounds.last!, range.contains(first),
                    range.contains(last), first <= last
                else { throw CronScheduleError("a number or range in \(range.lowerBound)…\(range.upperBound) in \"\(part)\" (\(name))") }
                low = first
                // "a-b" ends at b; "a/n" runs to the field's maximum (robfig/cron `getRange`); "a" is a.
                if bounds.count == 2 { high = last } else if pieces.count == 2 { high = range.upperBound } else { high = first }
            }
            for v in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(v) }
        }
        return bits
    }

    func matchesDay(_ date: CivilDate) -> Bool {
        let dom = days & (1 << UInt64(date.day)) != 0, dow = weekdays & (1 << UInt64(date.weekday)) != 0
        return anyDay || anyWeekday ? dom && dow : dom || dow
    }

    /// The first scheduled time strictly after `time` (robfig/cron `SpecSchedule.Next`); nil if
    /// none within five years (e.g. "0 0 30 2 *").
    public func next(after time: SimTime) -> SimTime? {
        let minute: Int64 = 60_000_000_000
        var t = (time.nanoseconds / minute + 1) * minute
        let limit = t + 5 * 366 * 1_440 * minute
        while t < limit {
            let date = CivilDate(nanoseconds: t)
            if months & (1 << UInt64(date.month)) == 0 || !matchesDay(date) {
                t = (t / (1_440 * minute) + 1) * 1_440 * minute
            } else if hours & (1 << UInt64(date.hour)) == 0 {
                t = (t / (60 * minute) + 1) * 60 * minute
            } else if minutes & (1 << UInt64(date.minute)) == 0 {
                t += minute
            } else {
                return SimTime(nanoseconds: t)
            }
        }
        return nil
    }
}

/// A schedule that does not parse: what was expected.
public struct CronScheduleError: Error, Sendable, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}

/// The civil date and time of a simulated instant (UTC, from 1970-01-01).
struct CivilDate {
    let month: Int, day: Int, hour: Int, minute: Int, weekday: Int

    /// Howard Hinnant's `civil_from_days`.
    init(nanoseconds: Int64) {
        let seconds = nanoseconds / 1_000_000_000
        let dayNumber = seconds / 86_400
        let secondOfDay = seconds % 86_400
        hour = Int(secondOfDay / 3_600)
        minute = Int(secondOfDay % 3_600 / 60)
        weekday = Int((dayNumber + 4) % 7)  // 1970-01-01 was a Thursday
        let z = dayNumber + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = Int(doy - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
    }
}
