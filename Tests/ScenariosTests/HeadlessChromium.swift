import Foundation

/// Renders an HTML page in headless Chromium and reads back what a script measured in the laid-out
/// page: for every `<svg>`, whether it has a size, how many of its data marks (`class="mark"`)
/// the browser drew with a non-zero extent inside the viewBox, the sentence of an empty panel
/// (`class="empty"`), attributes holding NaN, Infinity or undefined, and any script error.
///
/// Tests skip (saying so) when no Chromium is installed, unless `NINES_REQUIRE_CHROMIUM=1` (CI sets
/// it; `make deps` installs Debian's `chromium`), where a missing browser fails.
enum HeadlessChromium {
    struct Chart: Decodable {
        var index: Int
        var marks: Int
        var drawn: Int
        var empty: String?
        var problems: [String]
    }

    struct Report: Decodable {
        var errors: [String]
        var charts: [Chart]
    }

    static var path: String? {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
                          "/usr/bin/google-chrome"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var required: Bool { ProcessInfo.processInfo.environment["NINES_REQUIRE_CHROMIUM"] == "1" }

    /// Runs when a browser is there, or when CI requires one (then a missing browser is a failure).
    static var available: Bool { path != nil || required }

    static let probe = """
        <script>
        (function () {
          var charts = [];
          document.querySelectorAll('svg').forEach(function (svg, index) {
            var problems = [];
            var box = svg.getBoundingClientRect();
            if (!(box.width > 0 && box.height > 0)) problems.push('not laid out: ' + box.width + 'x' + box.height);
            [svg].concat(Array.from(svg.querySelectorAll('*'))).forEach(function (el) {
              Array.from(el.attributes).forEach(function (a) {
                if (/NaN|Infinity|undefined/.test(a.value)) problems.push(el.tagName + ' ' + a.name + '="' + a.value + '"');
              });
            });
            var vb = svg.viewBox.baseVal, marks = svg.querySelectorAll('.mark'), drawn = 0;
            marks.forEach(function (m) {
              var b = m.getBBox();
              var linear = m.tagName === 'line' || m.tagName === 'polyline';
              var extent = linear ? (b.width > 0 || b.height > 0) : (b.width > 0 && b.height > 0);
              var inside = b.x + b.width >= vb.x && b.x <= vb.x + vb.width && b.y + b.height >= vb.y && b.y <= vb.y + vb.height;
              if (extent && inside) drawn++;
            });
            var empty = svg.querySelector('.empty');
            var reason = empty ? empty.textContent.trim() : null;
            if (drawn === 0 && !reason) problems.push('no data mark drawn and no reason given');
            if (drawn > 0 && reason) problems.push('data marks beside an empty-panel sentence');
            if (svg.querySelectorAll('text').length === 0) problems.push('no word on the chart');
            charts.push({index: index, marks: marks.length, drawn: drawn, empty: reason, problems: problems});
          });
          var pre = document.createElement('pre');
          pre.id = 'nines-chart-check';
          pre.textContent = JSON.stringify({errors: window.__ninesErrors || [], charts: charts});
          document.body.appendChild(pre);
        })();
        </script>
        """

    static let errorTrap = "<script>window.__ninesErrors=[];window.addEventListener('error',function(e){window.__ninesErrors.push(String(e.message))});</script>"

    /// Loads `html` (with the probe added) in headless Chromium and returns what the probe saw.
    static func check(html: String) throws -> Report {
        guard let path else { throw Failure("chromium is not installed (NINES_REQUIRE_CHROMIUM=1): apt-get install chromium") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nines-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var page = html.replacingOccurrences(of: "<head>", with: "<head>" + errorTrap)
        page = page.contains("</body>") ? page.replacingOccurrences(of: "</body>", with: probe + "</body>") : page + probe
        let file = folder.appendingPathComponent("page.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "120", path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=" + folder.appendingPathComponent("profile").path, "--dump-dom", file.absoluteString,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dom = String(decoding: data, as: UTF8.self)
        guard let start = dom.range(of: "<pre id=\"nines-chart-check\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else { throw Failure("chromium exited \(process.terminationStatus) without the probe's result (\(dom.count) bytes of DOM)") }
        let json = dom[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Report.self, from: Data(json.utf8))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
