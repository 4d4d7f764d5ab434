import Foundation
import Scheduler
import Testing

/// Issue 11: namespaces and action types are checked against Oozie's schemas, every error of a
/// definition is reported in one pass, and what once crashed is an error with a line.
@Suite struct OozieSchemaTests {
    @Test func unknownNamespaceAndActionAreBothReported() {
        let xml = """
            <workflow-app xmlns="uri:oozie:workflow:9.9" name="x">
              <start to="a"/>
              <action name="a"><frobnicate/><ok to="e"/><error to="e"/></action>
              <end name="e"/>
            </workflow-app>
            """
        guard case .failure(let errors) = WorkflowLoader.load(Data(xml.utf8), file: "x.xml") else {
            Issue.record("accepted")
            return
        }
        #expect(errors.errors.map(\.description) == [
            "x.xml:1: unknown namespace \"uri:oozie:workflow:9.9\" for <workflow-app>; Oozie's are uri:oozie:workflow:0.1, "
                + "uri:oozie:workflow:0.2, uri:oozie:workflow:0.2.5, uri:oozie:workflow:0.3, uri:oozie:workflow:0.4, "
                + "uri:oozie:workflow:0.4.5, uri:oozie:workflow:0.5, uri:oozie:workflow:0.6, uri:oozie:workflow:1.0",
            "x.xml:3: node 'a': unknown action type <frobnicate>; Oozie's are map-reduce, pig, sub-workflow, fs, java, distcp, "
                + "email, git, hive, hive2, shell, spark, sqoop, ssh",
        ])
    }

    @Test func coordinatorAndBundleNamespacesAreChecked() {
        let coordinator = """
            <coordinator-app name="c" frequency="60" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z" timezone="UTC"
              xmlns="uri:oozie:coordinator:7"><action><workflow><app-path>w</app-path></workflow></action></coordinator-app>
            """
        guard case .failure(let c) = CoordinatorXML.parse(Data(coordinator.utf8), file: "c.xml") else { Issue.record("accepted"); return }
        #expect(c.description.contains("unknown namespace \"uri:oozie:coordinator:7\""))
        let bundle = #"<bundle-app name="b" xmlns="uri:oozie:bundle:3"><coordinator name="c"><app-path>c</app-path></coordinator></bundle-app>"#
        guard case .failure(let b) = BundleXML.parse(Data(bundle.utf8), file: "b.xml") else { Issue.record("accepted"); return }
        #expect(b.description.contains("unknown namespace \"uri:oozie:bundle:3\""))
    }

    /// A coordinator ending 9999-12-31, a frequency of 99999999999 minutes or a huge timeout trapped on overflow.
    @Test(arguments: [
        (#"end="9999-12-31T23:59Z""#, "end: 4194970559 minutes is more than 36500 days"),
        (#"frequency="99999999999""#, "frequency: 99999999999 minutes is more than 36500 days"),
        (#"frequency="${coord:days(9223372036854775807)}""#, "frequency: 9223372036854775807 minutes is more than 36500 days"),
        (#"end="2024-13-01T00:00Z""#, "end: \"2024-13-01T00:00Z\" is not a date and time"),
    ])
    func coordinatorTimesBeyondTheClockAreErrors(attribute: String, message: String) {
        var xml = """
            <coordinator-app name="c" frequency="60" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z" timezone="UTC"
              xmlns="uri:oozie:coordinator:0.4"><controls><timeout>99999999999</timeout></controls>
              <action><workflow><app-path>w</app-path></workflow></action></coordinator-app>
            """
        let key = String(attribute.prefix { $0 != "=" })
        let old = xml.components(separatedBy: " \(key)=\"")[1].prefix { $0 != "\"" }
        xml = xml.replacingOccurrences(of: "\(key)=\"\(old)\"", with: attribute)
        guard case .failure(let errors) = CoordinatorXML.parse(Data(xml.utf8), file: "c.xml") else { Issue.record("accepted"); return }
        #expect(errors.description.contains(message), "\(errors)")
    }

    @Test func aLongChainIsAnErrorNotAStackOverflow() {
        let n = 3_000
        let actions = (0..<n).map { #"<action name="a\#($0)"><shell/><ok to="a\#($0 + 1)"/><error to="k"/></action>"# }.joined()
        let xml = """
            <workflow-app xmlns="uri:oozie:workflow:0.5" name="chain"><start to="a0"/>\(actions)
            <action name="a\(n)"><shell/><ok to="e"/><error to="k"/></action><kill name="k"><message>x</message></kill><end name="e"/></workflow-app>
            """
        guard case .failure(let errors) = WorkflowLoader.load(Data(xml.utf8), file: "chain.xml") else { Issue.record("accepted"); return }
        #expect(errors.description.contains("a path longer than 1000 nodes from the start"))
    }
}
