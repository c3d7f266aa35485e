public enum JSONWriter {
    /// Compact, one line, members in the order given; no spaces. Non-ASCII is written as raw UTF-8;
    /// `"` `\\` and control characters < 0x20 are escaped (\n \r \t \b \f or \u00XX); U+2028/2029,
    /// the C1 controls and the bidirectional controls as their \uXXXX (see `escapedSequence`).
    ///
    /// `.number` literals are written exactly as held: the parser only ever produces valid ones,
    /// and checking again here would tax every journal line for the sake of hand-built values.
    public static func compact(_ value: JSONValue) -> String {
        // Built as bytes and turned into a String once: String appends re-check capacity and
        // ASCII-ness on every call, which cost more than the formatting itself.
        var out: [UInt8] = []
        out.reserveCapacity(512)
        writeCompact(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// As `pretty`, for a value nested `level` deep in a document written piece by piece: its
    /// inner lines are indented as they would be there.
    public static func pretty(_ value: JSONValue, level: Int) -> String {
        var out: [UInt8] = []
        writePretty(value, level: level, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact form of `value` to `out`.
    public static func appendCompact(_ value: JSONValue, to out: inout [UInt8]) {
        writeCompact(value, to: &out)
    }

    /// Two-space indented, for people: `{\n  "a": 1,\n  "b": [\n    1\n  ]\n}`; empty array `[]`, empty object `{}`.
    public static func pretty(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        writePretty(value, level: 0, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `byte` may be written escaped: a control, a quote, a backslash, or the first byte
    /// of a character written as `\uXXXX` (see `escapedSequence`). A text without one is written
    /// as it is, between quotes; the one test of it, for every writer that copies such a text whole.
    @inline(__always)
    public static func mayEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
    }

    /// Appends the escaped, quoted form of `text` to `out` (hot path for the journal encoder).
    public static func appendQuoted(_ text: String, to out: inout String) {
        var text = text
        // Most journal strings need no escaping; those are appended whole, without a byte buffer.
        if !text.withUTF8({ $0.contains(where: mayEscape) }) {
            out.append("\"")
            out.append(text)
            out.append("\"")
            return
        }
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        out.append(String(decoding: bytes, as: UTF8.self))
    }

    /// The byte-level form used by `compact` and `pretty`. Runs that need no escaping, which is
    /// usually the whole string, are copied in one piece.
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            out.append(0x22)
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // A lead byte is escaped only when its character is one of those listed.
                if !mayEscape(byte) || (byte >= 0x80 && escapedSequence(bytes, at: index) == nil) {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += appendEscape(bytes, at: index, to: &out)
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(0x22)
        }
    }

    private static func writeCompact(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &out)
        case .bool(let flag): append(flag ? "true" : "false", to: &out)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .string(let text): appendQuoted(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writePretty(_ value: JSONValue, level: Int, to out: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(contentsOf: [UInt8(ascii: "["), 0x0A])
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
                indent(level + 1, to: &out)
                writePretty(element, level: level + 1, to: &out)
            }
            out.append(0x0A)
            indent(level, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.members.isEmpty:
            out.append(contentsOf: [UInt8(ascii: "{"), 0x0A])
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
                indent(level + 1, to: &out)
                appendQuoted(member.key, to: &out)
                out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
                writePretty(member.value, level: level + 1, to: &out)
            }
            out.append(0x0A)
            indent(level, to: &out)
            out.append(UInt8(ascii: "}"))
        default:
            // Scalars and empty containers print the same either way.
            writeCompact(value, to: &out)
        }
    }

    private static func indent(_ level: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private static func append(_ word: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// U+2028 and U+2029 (E2 80 A8, E2 80 A9) are legal in JSON but line breaks to JavaScript and
    /// to some log viewers, which would split a journal line in two; the C1 controls (C2 80–9F)
    /// and the bidirectional marks, embeddings, overrides and isolates (U+200E/F, U+202A–E,
    /// U+2066–9, U+061C) change how a terminal shows the text around them. Each is written as its
    /// \u escape: the same string to any JSON reader, and harmless on a screen. Returns the
    /// sequence's length and code point, or nil for any other byte.
    @inline(__always)
    private static func escapedSequence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, scalar: UInt32)? {
        switch bytes[index] {
        case 0xC2:
            guard index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) else { return nil }
            return (2, UInt32(bytes[index + 1]))
        case 0xD8:
            guard index + 1 < bytes.count, bytes[index + 1] == 0x9C else { return nil }
            return (2, 0x061C)
        case 0xE2:
            guard index + 2 < bytes.count else { return nil }
            let scalar = 0x2000 | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            guard bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 else { return nil }
            switch scalar {
            case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return (3, scalar)
            default: return nil
            }
        default:
            return nil
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes the escape for the byte (or line separator) at `index`; returns the bytes consumed.
    private static func appendEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, to out: inout [UInt8]) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0xC2, 0xD8, 0xE2:
            let (length, scalar) = escapedSequence(bytes, at: index)!
            out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
            for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)]) }
            return length
        default:
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
        }
        return 1
    }
}
