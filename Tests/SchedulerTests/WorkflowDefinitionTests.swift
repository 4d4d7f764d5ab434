import Foundation
import Scheduler
import Simulation
import Testing

@Suite struct WorkflowDefinitionTests {
    @Test func realisticOozieWorkflowAppParses() throws {
        let workflow = try loadSample("etl-fork-decision.xml")
        let d = workflow.definition
        #expect(d.name == "etl-fork-decision")
        #expect(d.start == "prepare")
        #expect(d.variables == ["mode": "full"])
        #expect(d.nodes.map(\.name) == [
            "prepare", "split", "extract-a", "inner-split", "extract-b", "extract-c", "inner-merge", "merge", "route",
            "full-load", "sample-load", "incremental-load", "fail", "done",
        ])
        #expect(
            d.node(named: "extract-a")?.kind
                == .action(WorkflowActionSpec(type: "map-reduce", ok: "merge", error: "fail", retryMax: 2, retryInterval: .minutes(1))))
        #expect(d.node(named: "prepare")?.kind == .action(WorkflowActionSpec(type: "shell", ok: "split", error: "fail")))
        #expect(d.node(named: "split")?.kind == .fork(paths: ["extract-a", "inner-split"]))
        #expect(d.node(named: "merge")?.kind == .join(to: "route"))
        #expect(
            d.node(named: "route")?.kind
                == .decision(
                    cases: [
                        DecisionCase(to: "full-load", predicate: .equals(variable: "mode", value: "full")),
                        DecisionCase(
                            to: "sample-load",
                            predicate: .unsupported(expression: "${fs:exists(concat(nameNode, '/sample'))}")),
                    ], defaultTo: "incremental-load"))
        #expect(d.node(named: "fail")?.kind == .kill(message: "ETL failed, error message[${wf:errorMessage(wf:lastErrorNode())}]"))
        #expect(workflow.joinOfFork == ["split": "merge", "inner-split": "inner-merge"])
        #expect(workflow.pathsIntoJoin == ["merge": 2, "inner-merge": 2])
    }

    @Test func decisionExpressions() {
        #expect(DecisionEL.predicate("${wf:conf('a') eq 'x'}") == .equals(variable: "a", value: "x"))
        #expect(DecisionEL.predicate(" ${a ne \"x\"} ") == .notEquals(variable: "a", value: "x"))
        #expect(DecisionEL.predicate("${a == 'x'}") == .equals(variable: "a", value: "x"))
        #expect(DecisionEL.predicate("${true}") == .constant(true))
        #expect(DecisionEL.predicate("${nines:draw(0.3)}") == .draw(probability: 0.3))
        #expect(DecisionEL.predicate("${fs:fileSize('/x') gt 10}") == .unsupported(expression: "${fs:fileSize('/x') gt 10}"))
    }

    @Test func showPrintsTheGraph() throws {
        let text = try loadSample("etl-fork-decision.json").text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "workflow etl-fork-decision: 14 nodes, variables mode=full")
        #expect(lines[1] == "  start → prepare")
        #expect(lines[3] == "  fork split → extract-a | inner-split (joins at merge)")
        #expect(lines[4] == "  action extract-a [map-reduce, retry-max 2 every 30s] ok → merge, error → fail")
        #expect(lines[10] == "  decision route: mode == 'full' → full-load; draw < 0.25 → sample-load; default → incremental-load")
    }

    @Test func sampleInvalidFilesReportFileAndNode() throws {
        let cases: [(String, [String])] = [
            ("invalid-fork-without-join.json", [
                "invalid-fork-without-join.json: node 'split': fork without its join: a path reaches the end before any join",
            ]),
            ("invalid-cycle-dangling.xml", [
                "invalid-cycle-dangling.xml:8: node 'second': transition to unknown node 'nowhere'",
                "invalid-cycle-dangling.xml:8: node 'second': cycle: first → second → first",
                "invalid-cycle-dangling.xml:13: node 'orphan': unreachable from the start node",
                "invalid-cycle-dangling.xml:19: node 'done': unreachable from the start node",
            ]),
            ("invalid-malformed.xml", [
                "invalid-malformed.xml:4: malformed XML: Opening and ending tag mismatch: end line 3 and workflow-app",
            ]),
        ]
        for (file, expected) in cases {
            let data = try Data(contentsOf: workflowsFolder.appendingPathComponent(file))
            switch WorkflowLoader.load(data, file: file) {
            case .success: Issue.record("\(file) should be invalid")
            case .failure(let errors): #expect(errors.errors.map(\.description) == expected)
            }
        }
    }

    @Test func eachValidationErrorNamesFileAndNode() {
        func node(_ name: String, _ type: String, _ extra: String = "") -> String {
            "{\"name\": \"\(name)\", \"type\": \"\(type)\"\(extra.isEmpty ? "" : ", " + extra)}"
        }
        func app(start: String? = "a", _ nodes: [String]) -> String {
            let s = start.map { "\"start\": \"\($0)\", " } ?? ""
            return "{\"name\": \"t\", \(s)\"nodes\": [\(nodes.joined(separator: ", "))]}"
        }
        let action = { (name: String, ok: String) in node(name, "action", "\"ok\": \"\(ok)\", \"error\": \"k\"") }
        let end = node("e", "end")
        let kill = node("k", "kill")
        let cases: [(String, String, String?, String)] = [
            ("duplicate.json", app([action("a", "e"), action("a", "e"), end, kill]), "a", "duplicate node name"),
            ("no-start.json", app(start: nil, [action("a", "e"), end, kill]), "start", "the workflow has no start node"),
            ("no-end.json", app([action("a", "k"), kill]), "end", "the workflow has no end node"),
            ("dangling.json", app([action("a", "x"), end, kill]), "a", "transition to unknown node 'x'"),
            ("unreachable.json", app([action("a", "e"), action("b", "e"), end, kill]), "b", "unreachable from the start node"),
            ("cycle.json", app([action("a", "b"), action("b", "a"), end, kill]), "b", "cycle: a → b → a"),
            (
                "join-mismatch.json",
                app([
                    node("a", "fork", "\"paths\": [\"b\", \"c\"]"), action("b", "j1"), action("c", "j2"),
                    node("j1", "join", "\"to\": \"e\""), node("j2", "join", "\"to\": \"e\""), end, kill,
                ]), "a", "the paths of the fork end at different joins: j1, j2"
            ),
            (
                "join-outside.json", app([action("a", "j"), node("j", "join", "\"to\": \"e\""), end, kill]), "j",
                "join reached outside any fork"
            ),
            ("bad-type.json", app([node("a", "sleep"), end]), "a",
             "unknown node type 'sleep' (expected action, decision, fork, join, kill or end)"),
        ]
        for (file, text, node, message) in cases {
            let errors = validationErrors(text, file: file)
            #expect(errors.contains(WorkflowError(file: file, node: node, message: message)), "\(file): \(errors)")
        }
    }

    @Test func xmlErrorsNameFileNodeAndLine() {
        let text = """
            <workflow-app xmlns="uri:oozie:workflow:0.5" name="x">
                <start to="a"/>
                <action name="a" retry-max="lots">
                    <shell/>
                    <ok to="e"/>
                    <error to="e"/>
                </action>
                <end name="e"/>
            </workflow-app>
            """
        #expect(
            validationErrors(text, file: "x.xml")
                == [WorkflowError(file: "x.xml", node: "a", line: 3, message: "retry-max must be an integer, found \"lots\"")])
        #expect(validationErrors("<coordinator-app/>", file: "c.xml").map(\.message) == [
            "expected a <workflow-app> root element, found <coordinator-app>"
        ])
    }
}
