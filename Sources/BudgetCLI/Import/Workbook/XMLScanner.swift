import BudgetText

/// Reads XML as a stream of tags and text, as much of XML as the parts of an .xlsx workbook use:
/// elements, attributes in single or double quotes, the five named entities and character
/// references, CDATA, comments and processing instructions (skipped). Names are given without
/// their namespace prefix. A document type declaration is refused, so no entity is ever expanded
/// from one. Malformed input ends in a `Failure`.
struct XMLScanner {
    struct Failure: Error, CustomStringConvertible {
        let reason: Message
        var description: String { reason.description }
        var explanation: Message { reason }
    }

    enum Token: Equatable {
        case start(name: String, attributes: [String: String], empty: Bool)
        case end(name: String)
        case text(String)
    }

    let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() throws(Failure) -> Token? {
        // Comments and processing instructions are passed over in a loop: a part of a million of
        // them must not nest a million calls.
        while position < bytes.count {
            if starts(with: "<!--") { try skip(past: "-->"); continue }
            if starts(with: "<?") { try skip(past: "?>"); continue }
            break
        }
        guard position < bytes.count else { return nil }
        if bytes[position] != UInt8(ascii: "<") {
            let start = position
            while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
            return .text(try Self.decoded(bytes[start..<position]))
        }
        if starts(with: "<![CDATA[") {
            position += 9
            let start = position
            try skip(past: "]]>")
            return .text(String(decoding: bytes[start..<(position - 3)], as: UTF8.self))
        }
        if starts(with: "<!") { throw Failure(reason: Message(.documentTypeDeclarationWhichWorkbooks)) }
        position += 1
        if position < bytes.count && bytes[position] == UInt8(ascii: "/") {
            position += 1
            let name = try self.name()
            skipSpace()
            try expect(">")
            return .end(name: name)
        }
        let name = try self.name()
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard position < bytes.count else { throw Failure(reason: Message(.tagIsNotClosed, name)) }
            if bytes[position] == UInt8(ascii: ">") { position += 1; return .start(name: name, attributes: attributes, empty: false) }
            if starts(with: "/>") { position += 2; return .start(name: name, attributes: attributes, empty: true) }
            let key = try self.name()
            skipSpace()
            try expect("=")
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw Failure(reason: Message(.attributeNoQuotedValue, key, name))
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count && bytes[position] != quote { position += 1 }
            guard position < bytes.count else { throw Failure(reason: Message(.attributeNotClosed, key, name)) }
            attributes[key] = try Self.decoded(bytes[start..<position])
            position += 1
        }
    }

    /// The text up to the end of the element just opened (its own text and that of any
    /// elements within it, such as the runs of a rich-text string).
    mutating func text(until element: String, skipping skipped: Set<String> = []) throws(Failure) -> String {
        var text = ""
        var depth = 0
        var skipDepth: Int?
        while let token = try next() {
            switch token {
            case .text(let piece): if skipDepth == nil { text += piece }
            case .start(let name, _, let empty):
                if empty { continue }
                depth += 1
                if skipDepth == nil, skipped.contains(name) { skipDepth = depth }
            case .end(let name):
                if depth == 0 {
                    guard name == element else { throw Failure(reason: Message(.elementClosesOther, name, element)) }
                    return text
                }
                if skipDepth == depth { skipDepth = nil }
                depth -= 1
            }
        }
        throw Failure(reason: Message(.elementNotClosed, element))
    }

    private func starts(with literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return position + utf8.count <= bytes.count && bytes[position..<(position + utf8.count)].elementsEqual(utf8)
    }

    private mutating func skip(past literal: String) throws(Failure) {
        while position < bytes.count {
            if starts(with: literal) { position += literal.utf8.count; return }
            position += 1
        }
        throw Failure(reason: Message(.documentEndsInsideConstructOpened, literal))
    }

    private mutating func expect(_ literal: String) throws(Failure) {
        guard starts(with: literal) else { throw Failure(reason: Message(.expectedAtByte, literal, position)) }
        position += literal.utf8.count
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// A name, its namespace prefix dropped.
    private mutating func name() throws(Failure) -> String {
        let start = position
        while position < bytes.count, !([0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")].contains(bytes[position])) {
            position += 1
        }
        guard position > start else { throw Failure(reason: Message(.tagWithoutNameAtByte, start)) }
        let full = bytes[start..<position]
        let local = full.lastIndex(of: UInt8(ascii: ":")).map { full[($0 + 1)...] } ?? full
        return String(decoding: local, as: UTF8.self)
    }

    /// Text with its entity and character references replaced.
    static func decoded(_ raw: ArraySlice<UInt8>) throws(Failure) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var index = raw.startIndex
        while index < raw.endIndex {
            guard raw[index] == UInt8(ascii: "&") else { out.append(raw[index]); index += 1; continue }
            guard let semicolon = raw[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { throw Failure(reason: Message(.thatStartsNoReference)) }
            let name = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let value = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst(), radix: 10) : nil
                guard let value, let scalar = Unicode.Scalar(value) else { throw Failure(reason: Message(.unknownReference, name)) }
                out += Array(String(Character(scalar)).utf8)
            }
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
