import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: just what the workflow reader needs (name, attributes, children, text, line).
struct XMLTree {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree] = []
    var text: String = ""
    var line: Int

    /// The element's local name, without a namespace prefix (`wf:action` → `action`).
    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    func child(_ local: String) -> XMLTree? { children.first { $0.localName == local } }
    func children(_ local: String) -> [XMLTree] { children.filter { $0.localName == local } }

    /// Parses a document; on malformed XML returns the parser's message and line.
    static func parse(_ data: Data) -> Result<XMLTree, XMLTreeError> {
        let parser = XMLParser(data: data)
        let builder = XMLTreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        if !ok || builder.root == nil {
            let reason = parser.parserError.map { describe($0 as NSError) } ?? "no root element"
            return .failure(XMLTreeError(line: builder.errorLine ?? parser.lineNumber, message: reason))
        }
        return .success(builder.root!)
    }

    /// A readable reason for the parser's error codes that users meet most.
    static func describe(_ error: NSError) -> String {
        switch error.code {
        case 4: return "the document is empty"
        case 5: return "the document ends before every element is closed"
        case 9: return "an invalid character"
        case 38, 39, 41: return "a malformed attribute"
        case 64, 73, 76: return "a closing tag does not match its opening tag"
        case 111: return "unexpected text after the root element"
        default: return "parser error \(error.code)"
        }
    }
}

/// Malformed XML: where and why.
struct XMLTreeError: Error {
    var line: Int
    var message: String
}

/// Builds an ``XMLTree`` from `XMLParser`'s callbacks. Lives for one parse, on one thread.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?
    var errorLine: Int?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        stack.append(XMLTree(name: elementName, attributes: attributes, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }
}

extension XMLTree {
    /// Parses a definition file; malformed XML becomes one error naming the file and the line.
    static func parseDefinition(_ data: Data, file: String) -> Result<XMLTree, WorkflowErrors> {
        XMLTree.parse(data).mapError { failure in
            WorkflowErrors([WorkflowError(file: file, node: nil, line: failure.line, message: "malformed XML: \(failure.message)")])
        }
    }
}
