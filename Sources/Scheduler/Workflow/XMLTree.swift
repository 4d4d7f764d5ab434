import CLibXML2
import Foundation

/// A parsed XML element: just what the workflow reader needs (name, namespace, attributes, children, text, line).
///
/// Read with libxml2 directly rather than Foundation's `XMLParser`, which on Linux segfaults on
/// some malformed input (`<w><?pi?></w>` crashes in `strlen`). libxml2 runs with network access
/// off (`XML_PARSE_NONET`), no external DTD loading and no entity substitution (entities stay
/// references, so "billion laughs" expands nothing), its default depth limit of 256 and the size
/// limit ``maximumBytes``; the tree is then walked with an explicit stack, never by recursion.
struct XMLTree {
    var name: String
    /// The element's namespace URI (`uri:oozie:workflow:1.0`), if it has one.
    var namespace: String?
    var attributes: [String: String]
    var children: [XMLTree] = []
    var text: String = ""
    var line: Int

    /// The largest definition file read: 16 MiB.
    static let maximumBytes = 16 << 20

    /// The element's local name, without a namespace prefix (`wf:action` → `action`).
    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    func child(_ local: String) -> XMLTree? { children.first { $0.localName == local } }
    func children(_ local: String) -> [XMLTree] { children.filter { $0.localName == local } }

    /// libxml2 must be initialised once before parsers run on several threads.
    private static let initialised: Void = { xmlInitParser() }()

    /// Parses a document; on malformed XML returns libxml2's message and line.
    static func parse(_ data: Data) -> Result<XMLTree, XMLTreeError> {
        _ = initialised
        guard data.count <= maximumBytes else {
            return .failure(XMLTreeError(line: 1, message: "the file is larger than \(maximumBytes >> 20) MiB"))
        }
        guard !data.isEmpty else { return .failure(XMLTreeError(line: 1, message: "the document is empty")) }
        guard let context = xmlNewParserCtxt() else { return .failure(XMLTreeError(line: 1, message: "out of memory")) }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 keeps only the last error; the first one says what went wrong (a later
        // "premature end of data" is its consequence), so catch errors as they are raised.
        let firstError = FirstError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let error, let userData,
                let box = userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private
            else { return }
            let first = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
            if first.error == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue { first.error = XMLTree.describe(error) }
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let document = data.withUnsafeBytes { buffer in
            xmlCtxtReadMemory(
                context, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options)
        }
        guard let document else {
            return .failure(firstError.error ?? xmlCtxtGetLastError(context).map(describe) ?? XMLTreeError(line: 1, message: "malformed document"))
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            return .failure(XMLTreeError(line: 1, message: "no root element"))
        }
        return .success(build(root))
    }

    /// Holds the first error libxml2 raises during one parse.
    private final class FirstError {
        var error: XMLTreeError?
    }

    /// A libxml2 error as a sentence and a line ("Opening and ending tag mismatch: a line 1 and b").
    private static func describe(_ error: xmlErrorPtr) -> XMLTreeError {
        let message = error.pointee.message.map { String(cString: $0) } ?? "malformed document"
        let line = Int(error.pointee.line)
        return XMLTreeError(
            line: max(1, line), message: message.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " "))
    }

    /// Copies libxml2's element tree into ``XMLTree`` values, depth first with an explicit stack.
    private static func build(_ root: xmlNodePtr) -> XMLTree {
        var stack: [(node: xmlNodePtr, tree: XMLTree, next: xmlNodePtr?)] = [(root, element(root), root.pointee.children)]
        while true {
            guard let current = stack.last?.next else {
                let done = stack.removeLast().tree
                if stack.isEmpty { return done }
                stack[stack.count - 1].tree.children.append(done)
                continue
            }
            stack[stack.count - 1].next = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE: stack.append((current, element(current), current.pointee.children))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { stack[stack.count - 1].tree.text += String(cString: content) }
            default: break  // comments, processing instructions, entity references: not part of a definition
            }
        }
    }

    /// One element without its children.
    private static func element(_ node: xmlNodePtr) -> XMLTree {
        let local = String(cString: node.pointee.name)
        let namespace = node.pointee.ns
        let prefix = namespace?.pointee.prefix.map { String(cString: $0) }
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
            attributes[name] = value.map { String(cString: $0) } ?? ""
            nines_xml_free(value)
            attribute = current.pointee.next
        }
        return XMLTree(
            name: prefix.map { "\($0):\(local)" } ?? local, namespace: namespace?.pointee.href.map { String(cString: $0) },
            attributes: attributes, line: Int(xmlGetLineNo(node)))
    }
}

/// Malformed XML: where and why.
struct XMLTreeError: Error {
    var line: Int
    var message: String
}

extension XMLTree {
    /// Parses a definition file; malformed XML becomes one error naming the file and the line.
    static func parseDefinition(_ data: Data, file: String) -> Result<XMLTree, WorkflowErrors> {
        XMLTree.parse(data).mapError { failure in
            WorkflowErrors([WorkflowError(file: file, node: nil, line: failure.line, message: "malformed XML: \(failure.message)")])
        }
    }
}
