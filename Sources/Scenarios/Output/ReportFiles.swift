import Reliability
import Foundation
import Simulation

/// Turns a ``ScenarioResult`` into the files of `notebooks-out/<scenario>/`.
public enum ReportFiles {
    /// Every output file, name and contents, in a fixed order.
    public static func render(_ result: ScenarioResult) -> [(name: String, contents: String)] {
        let tables = tables(result)
        return [
            ("summary.json", JSONWriter.write(summaryJSON(result))),
            ("comparison.csv", tables.comparison.text),
            ("occupancy.csv", tables.occupancy.text),
            ("timeline.csv", tables.timeline.text),
            ("replications.csv", tables.replications.text),
            ("durations.csv", tables.durations.text),
            ("running.csv", tables.running.text),
            ("downtime_by_cause.csv", tables.downtimeByCause.text),
            ("report.html", HTMLReport.render(result)),
            ("report.ipynb", NotebookReport.render(result, tables: tables)),
        ]
    }

    /// The CSV tables.
    public struct Tables {
        public var comparison, occupancy, timeline, replications: CSVTable
        /// Failover phase samples: `phase, replication, seconds`.
        public var durations: CSVTable
        /// The service availability's running estimate and interval after each replication.
        public var running: CSVTable
        /// Downtime by cause (``DowntimeCauseReport``).
        public var downtimeByCause: CSVTable
    }

    static func tables(_ result: ScenarioResult) -> Tables {
        // Every table with an interval names its level and whether it is family-adjusted (docs/outputs.md).
        let ids = ReplicationRunner.metricIDs(of: result.scenario.system)
        var comparison = CSVTable(header: [
            "metric", "model", "empirical", "ci_lower", "ci_upper", "confidence", "family_adjusted", "method",
            "analytic", "difference", "verdict", "reason", "unit", "calibration_failover_seconds", "calibration_coverage",
            "model_description", "title",
        ])
        for row in result.rows {
            comparison.append([
                row.metric, row.modelKey, CSVTable.number(row.empirical), CSVTable.number(row.lower),
                CSVTable.number(row.upper), CSVTable.number(row.level), "true", row.method, CSVTable.number(row.analytic),
                CSVTable.number(row.difference), row.verdictText, row.reason ?? "", MetricUnit.of(row.metric, in: ids).rawValue,
                CSVTable.number(row.calibration?.failoverSeconds), CSVTable.number(row.calibration?.coverage),
                row.model, row.title,
            ])
        }
        var occupancy = CSVTable(header: [
            "components_down", "empirical_time_fraction", "ci_lower", "ci_upper", "confidence", "family_adjusted", "method",
            "binomial_time_fraction", "birth_death_time_fraction",
        ])
        for row in result.occupancy {
            occupancy.append([
                String(row.down), CSVTable.number(row.empirical), CSVTable.number(row.lower),
                CSVTable.number(row.upper), CSVTable.number(result.scenario.analysis.confidence), "false", row.method,
                CSVTable.number(row.binomial), CSVTable.number(row.birthDeath),
            ])
        }
        var timeline = CSVTable(header: ["replication", "time_seconds", "time", "event", "subject"])
        for outcome in result.outcomes {
            for entry in outcome.timeline {
                timeline.append([
                    String(outcome.index), CSVTable.number(entry.time.seconds),
                    SimDuration(nanoseconds: entry.time.nanoseconds).description, entry.event, entry.subject,
                ])
            }
        }
        // One column per measured metric, in the outcome's order (not per comparison row: a metric may
        // have several models, and coverage is a row without a per-replication metric).
        var replications = CSVTable(header: ["replication", "seed", "digest", "events", "outage_count"] + ids.map(\.key))
        for outcome in result.outcomes {
            replications.append(
                [String(outcome.index), String(outcome.seed), hex(outcome.digest), String(outcome.events),
                 String(outcome.outageSeconds.count)] + outcome.metrics.map { CSVTable.number($0) })
        }
        // From the same t intervals as the report's chart, so the notebook draws the same band.
        // Student t at the scenario's level, not family-adjusted: a running view, not a verdict.
        var running = CSVTable(header: ["replications", "mean", "ci_lower", "ci_upper", "confidence", "family_adjusted"])
        for (i, point) in result.running.enumerated() {
            running.append([
                String(i + 2), CSVTable.number(point.mean), CSVTable.number(point.lower), CSVTable.number(point.upper),
                CSVTable.number(result.scenario.analysis.confidence), "false",
            ])
        }
        return Tables(
            comparison: comparison, occupancy: occupancy, timeline: timeline, replications: replications,
            durations: PhaseDurations.table(result), running: running, downtimeByCause: DowntimeCauseReport.table(result))
    }

    static func hex(_ digest: UInt64) -> String {
        let text = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The contents of `summary.json`.
    public static func summaryJSON(_ result: ScenarioResult) -> JSONValue {
        let s = result.scenario
        let outages = result.outcomes.flatMap(\.outageSeconds)
        let histogram = Histogram(samples: outages)
        var members: [(key: String, value: JSONValue)] = [
            ("scenario", .string(s.name)), ("headline", result.headline.map(HeadlineJSON.object) ?? .null),
            ("description", .string(s.description)),
            ("nines_version", .string(BuildInfo.version)), ("toolchain", .string(BuildInfo.toolchain)),
            ("seed", .number(Double(s.seed))), ("duration", .string(s.duration.description)),
            ("warm_up", .string(s.warmUp.description)), ("replications", .number(Double(result.outcomes.count))),
            ("digest", .string(hex(result.digest))),
            ("events", .number(Double(result.outcomes.reduce(0) { $0 + $1.events }))),
            ("passed", .bool(result.passed)),
            ("verdict_policy", .object([
                ("family_confidence", .number(result.policy.familyConfidence)),
                ("comparisons", .number(Double(result.policy.comparisons))),
                ("per_comparison_confidence", .number(result.policy.perComparisonLevel)),
                ("relative_precision", .number(result.policy.relativePrecision)),
            ])),
            ("comparisons", .array(result.rows.map { row in
                .object([
                    ("metric", .string(row.metric)), ("model", .string(row.modelKey)),
                    ("model_description", .string(row.model)), ("empirical", .number(row.empirical)),
                    ("ci_lower", .number(row.lower)), ("ci_upper", .number(row.upper)),
                    ("confidence", .number(row.level)), ("family_adjusted", .bool(true)), ("method", .string(row.method)),
                    ("analytic", row.analytic.map(JSONValue.number) ?? .null),
                    ("difference", row.difference.map(JSONValue.number) ?? .null), ("verdict", .string(row.verdictText)),
                    ("reason", row.reason.map(JSONValue.string) ?? .null),
                ])
            })),
            ("outages", .object([
                ("count", .number(Double(outages.count))), ("mean_seconds", histogram.mean.map(JSONValue.number) ?? .null),
                ("p50_seconds", histogram.quantile(0.5).map(JSONValue.number) ?? .null),
                ("p99_seconds", histogram.quantile(0.99).map(JSONValue.number) ?? .null),
            ])),
            ("durations", PhaseDurations.summary(result)),
            ("downtime_by_cause", DowntimeCauseReport.json(result.downtimeByCause)),
        ]
        if let chi = result.chiSquare {
            members.append(("chi_square", .object([
                ("model", .string(chi.model)), ("samples", .number(Double(chi.samples))),
                ("statistic", .number(chi.statistic)), ("degrees_of_freedom", .number(Double(chi.degreesOfFreedom))),
                ("p_value", .number(chi.pValue)), ("alpha", .number(chi.alpha)), ("verdict", .string(chi.verdict.rawValue)),
            ])))
        }
        if let rare = result.rareEvent { members.append(("rare_event", RareEventReport.json(rare))) }
        members.append(("expectations", .array(result.checks.map { check in
            .object([("name", .string(check.name)), ("passed", .bool(check.passed)), ("detail", .string(check.detail))])
        })))
        return .object(members)
    }
}
