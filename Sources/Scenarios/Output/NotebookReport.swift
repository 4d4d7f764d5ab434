import Foundation

/// A Jupyter notebook (nbformat 4.5, every cell with an id) whose cells load the CSVs with pandas and
/// plot them with matplotlib; every number the code uses comes from those files, none is pasted in. It is saved with outputs already rendered (the same SVG charts as the HTML
/// report, and the tables), so it reads well on GitHub or offline without being run.
enum NotebookReport {
    static func render(_ result: ScenarioResult, tables: ReportFiles.Tables) -> String {
        var cells: [JSONValue] = []
        var count = 0
        // nbformat 4.5 cell ids: unique in the notebook and the same in every run.
        func id() -> String { "cell-\(cells.count + 1)" }
        func code(_ source: String, _ outputs: [JSONValue]) {
            count += 1
            cells.append(.object([
                ("cell_type", .string("code")), ("execution_count", .number(Double(count))), ("id", .string(id())),
                ("metadata", .object([])), ("outputs", .array(outputs.map { withCount($0, count) })),
                ("source", lines(source)),
            ]))
        }
        func markdown(_ source: String) {
            cells.append(.object([
                ("cell_type", .string("markdown")), ("id", .string(id())), ("metadata", .object([])), ("source", lines(source)),
            ]))
        }
        let s = result.scenario
        markdown("# \(s.name)\n\n" + (result.headline.map { "**\($0.text)**\n\n" } ?? "") + "\(s.description)\n\nSeed \(s.seed), "
            + "\(result.outcomes.count) replications of \(s.duration), digest `\(ReportFiles.hex(result.digest))`. "
            + "Written by `nines run` (\(BuildInfo.description)); the outputs below "
            + "are pre-rendered, and running the cells redraws them from the CSV files beside this notebook.")
        if let headline = result.headline { markdown("## The answer\n\n" + HeadlineBlock.markdown(headline)) }
        code("import pandas as pd\nimport matplotlib.pyplot as plt\nimport numpy as np\n\ncomparison = pd.read_csv(\"comparison.csv\")\ncomparison",
             [table(tables.comparison)])
        if result.attributesDowntime {
            code("""
                causes = pd.read_csv("downtime_by_cause.csv")  # share of downtime, minutes per year with intervals
                if len(causes):
                    err = [causes.downtime_minutes_per_year - causes.downtime_minutes_per_year_ci_lower,
                           causes.downtime_minutes_per_year_ci_upper - causes.downtime_minutes_per_year]
                    ax = causes.plot.barh(x="label", y="downtime_minutes_per_year", xerr=err, legend=False)
                    ax.invert_yaxis(); ax.set_xlabel("downtime (minutes per year)"); ax.set_ylabel("")
                causes[["label", "share_of_downtime", "downtime_minutes_per_year", "downtime_minutes_per_year_ci_lower",
                        "downtime_minutes_per_year_ci_upper"]]
                """, [svg(SVGChart.causes(result.downtimeByCause)), table(tables.downtimeByCause)])
        }
        let service = result.rows.first { $0.metric == "service_availability" }
        code("""
            fig, axes = plt.subplots(len(comparison), 1, figsize=(8, 0.9 * len(comparison) + 0.5), squeeze=False)
            for ax, (_, row) in zip(axes[:, 0], comparison.iterrows()):
                ax.errorbar([row.empirical], [0], xerr=[[row.empirical - row.ci_lower], [row.ci_upper - row.empirical]], fmt="o")
                if not np.isnan(row.analytic):
                    ax.axvline(row.analytic, color="red")
                ax.set_yticks([]); ax.set_title(f"{row.metric} ({row.unit}), {row.model}: {row.verdict}", fontsize=9, loc="left")
            plt.tight_layout()
            """, [svg(SVGChart.intervals(result.rows, ids: ReplicationRunner.metricIDs(of: result.scenario.system)))])
        if !result.occupancy.isEmpty {
            code("""
                occupancy = pd.read_csv("occupancy.csv")
                ax = occupancy.plot.bar(x="components_down", y="empirical_time_fraction", logy=True, alpha=0.7, label="measured")
                ax.plot(range(len(occupancy)), occupancy.binomial_time_fraction, "r_", markersize=20, label="binomial")
                ax.plot(range(len(occupancy)), occupancy.birth_death_time_fraction, "k_", markersize=20, label="birth-death")
                ax.set_xlabel("components down"); ax.set_ylabel("fraction of time (log scale)")
                ax.legend()
                """, [svg(SVGChart.occupancy(result.occupancy))])
        }
        code("""
            timeline = pd.read_csv("timeline.csv")  # every replication
            timeline.groupby(["subject", "event"]).size().unstack(fill_value=0)
            """, [svg(SVGChart.timeline(result.outcomes.first?.timeline ?? [], duration: s.duration.seconds))])
        code("""
            running = pd.read_csv("running.csv")  # Student-t intervals at the scenario's confidence
            plt.fill_between(running.replications, running.ci_lower, running.ci_upper, alpha=0.2)
            plt.plot(running.replications, running["mean"], label="measured")
            model = comparison[comparison.metric == "service_availability"].head(1)
            if len(model) and model.analytic.notna().iloc[0]:
                plt.axhline(model.analytic.iloc[0], color="red", linestyle="--", label=model.model.iloc[0])
            plt.xlabel("replications"); plt.ylabel("service availability"); plt.legend()
            """,
             [svg(SVGChart.running(result.running.map { ($0.mean, $0.lower, $0.upper) }, analytic: service?.analytic))])
        if !PhaseDurations.phases(for: s.system).isEmpty {
            code("""
                durations = pd.read_csv("durations.csv")
                q = lambda p: (lambda s: s.quantile(p))
                durations.groupby("phase", sort=False).duration_seconds.agg(
                    count="count", mean="mean", p50=q(0.5), p90=q(0.9), p99=q(0.99), max="max")
                """, [table(PhaseDurations.statisticsTable(result))])
        }
        let notebook: JSONValue = .object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([("display_name", .string("Python 3")), ("language", .string("python")),
                                        ("name", .string("python3"))])),
                ("language_info", .object([("name", .string("python"))])),
            ])),
            ("nbformat", .number(4)), ("nbformat_minor", .number(5)),
        ])
        return JSONWriter.write(notebook)
    }

    /// Source text as nbformat wants it: a list of lines, each but the last ending in a newline.
    static func lines(_ text: String) -> JSONValue {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return .array(parts.enumerated().map { .string($1 + ($0 < parts.count - 1 ? "\n" : "")) })
    }

    static func svg(_ markup: String) -> JSONValue {
        .object([("data", .object([("image/svg+xml", lines(markup)), ("text/plain", .array([.string("<Figure>")]))])),
                 ("metadata", .object([])), ("output_type", .string("display_data"))])
    }

    static func table(_ csv: CSVTable) -> JSONValue {
        var html = "<table><tr>" + csv.header.map { "<th>\(Markup.escape($0))</th>" }.joined() + "</tr>"
        for row in csv.rows { html += "<tr>" + row.map { "<td>\(Markup.escape($0))</td>" }.joined() + "</tr>" }
        html += "</table>"
        return .object([("data", .object([("text/html", lines(html)), ("text/plain", lines(csv.text))])),
                        ("execution_count", .null), ("metadata", .object([])), ("output_type", .string("execute_result"))])
    }

    /// Execute results carry their cell's execution count.
    static func withCount(_ output: JSONValue, _ count: Int) -> JSONValue {
        guard case .object(var members) = output, output["execution_count"] != nil else { return output }
        members = members.map { $0.key == "execution_count" ? ($0.key, .number(Double(count))) : $0 }
        return .object(members)
    }
}
