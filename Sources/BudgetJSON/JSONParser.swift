import BudgetText

/// Bounds on what the parser will accept. Every one is checked before the work it guards,
/// so a hostile line costs at most `bytesMax` bytes of reading and a bounded amount of memory.
public struct JSONLimits: Sendable {
    /// Containers open at once. The parser keeps its own stack, so raising this cannot overflow it;
    /// but releasing, comparing and writing a value recurse over its depth, so keep it modest.
    public var depthMax: Int = 32
    /// Input size, checked before anything else is read.
    public var bytesMax: Int = 1 << 20
    /// Length of a decoded string (key or value) in UTF-8 bytes, so an escape counts as what it decodes to.
    public var stringBytesMax: Int = 64 * 1024
    /// Digits in a number literal, counting integer, fraction and exponent digits.
    public var numberDigitsMax: Int = 40
    /// Elements of one array or members of one object.
    public var membersMax: Int = 10_000

    public static let `default` = JSONLimits()
}

public struct JSONParseError: Error, Equatable, CustomStringConvertible, Explained {
    public let offset: Int           // byte offset of the problem
    public let reason: Message
    public var explanation: Message { Message(.byteAt, offset, reason) }
    public var description: String { explanation.description }

    init(offset: Int, reason: Message) {
        self.offset = offset
        self.reason = reason
    }
}

public enum JSONParser {
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .default) throws -> JSONValue {
        if bytes.count > limits.bytesMax {
            throw JSONParseError(offset: max(limits.bytesMax, 0), reason: Message(.inputLongerThanBytes, limits.bytesMax))
        }
        guard bytes.count > 0 else { throw JSONParseError(offset: 0, reason: Message(.unexpectedEndOfInput)) }
        // Rebinding (rather than assuming) keeps this well defined whatever the caller's buffer held.
        return try bytes.withMemoryRebound(to: UInt8.self) { buffer in
            var parser = JSONByteParser(buffer.baseAddress!, count: buffer.count, limits: limits)
            return try parser.parseDocument()
        }
    }

    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .default) throws -> JSONValue {
        try bytes.withUnsafeBytes { try parse($0, limits: limits) }
    }

    public static func parse(_ text: String, limits: JSONLimits = .default) throws -> JSONValue {
        // withUTF8 hands out a native string's storage without copying it.
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0), limits: limits) }
    }
}

/// The cursor over one document. Containers are kept on explicit stacks instead of the call
/// stack, so even a caller who raises `depthMax` to a million cannot overflow the thread.
struct JSONByteParser {
    let p: UnsafePointer<UInt8>
    let end: Int
    let limits: JSONLimits
    var i = 0
    /// Reused across strings that contain escapes; plain strings never touch it.
    var scratch: [UInt8] = []

    init(_ p: UnsafePointer<UInt8>, count: Int, limits: JSONLimits) {
        self.p = p
        self.end = count
        self.limits = limits
    }

    private enum Container { case array, object }

    /// Once an object has this many members a hash set takes over duplicate detection, so a
    /// 10 000-member object costs linear rather than quadratic time.
    private static let linearKeyScanMax = 24

    mutating func parseDocument() throws -> JSONValue {
        var kinds: [Container] = []
        var arrays: [[JSONValue]] = []
        var objects: [[(key: String, value: JSONValue)]] = []
        var pendingKeys: [String] = []
        // Keyed by index into `objects`; empty (and allocation-free) for all but very wide objects.
        var keySets: [Int: Set<String>] = [:]
        var value: JSONValue

        nextValue: while true {
            skipWhitespace()
            guard i < end else { throw failure(end, Message(.unexpectedEndOfInput)) }
            switch p[i] {
            case UInt8(ascii: "["):
                try checkDepth(kinds.count)
                i += 1
                skipWhitespace()
                if i < end && p[i] == UInt8(ascii: "]") {
                    i += 1
                    value = .array([])
                } else {
                    try checkMembers(0)
                    kinds.append(.array)
                    arrays.append([])
                    continue nextValue
                }
            case UInt8(ascii: "{"):
                try checkDepth(kinds.count)
                i += 1
                skipWhitespace()
                if i < end && p[i] == UInt8(ascii: "}") {
                    i += 1
                    value = .object(JSONObject())
                } else {
                    try checkMembers(0)
                    pendingKeys.append(try parseKey())
                    kinds.append(.object)
                    objects.append([])
                    // A journal line is one object of about a dozen members; growing from zero would
                    // reallocate four times. Only the outermost object gets this, or `[{"a":0},...]`
                    // could turn every eight input bytes into a 16-member allocation.
                    if objects.count == 1 && kinds.count == 1 { objects[0].reserveCapacity(16) }
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            default:
                throw unexpectedByte(at: i)
            }

            // A finished value may finish its container, and that one its own; unwind until some
            // container wants another element, or the document is complete.
            while let kind = kinds.last {
                skipWhitespace()
                if kind == .array {
                    let top = arrays.count - 1
                    arrays[top].append(value)
                    guard i < end else { throw failure(end, Message(.unexpectedEndOfInput)) }
                    if p[i] == UInt8(ascii: ",") {
                        try skipComma(closer: UInt8(ascii: "]"))
                        try checkMembers(arrays[top].count)
                        continue nextValue
                    }
                    guard p[i] == UInt8(ascii: "]") else { throw failure(i, Message(.expectedOr)) }
                    i += 1
                    kinds.removeLast()
                    value = .array(arrays.removeLast())
                } else {
                    let top = objects.count - 1
                    objects[top].append((key: pendingKeys.removeLast(), value: value))
                    guard i < end else { throw failure(end, Message(.unexpectedEndOfInput)) }
                    if p[i] == UInt8(ascii: ",") {
                        try skipComma(closer: UInt8(ascii: "}"))
                        try checkMembers(objects[top].count)
                        let keyOffset = i
                        let key = try parseKey()
                        // String equality (canonical equivalence) is what `JSONObject.subscript` uses,
                        // so a key it could not tell apart from an earlier one counts as a duplicate.
                        if objects[top].count < Self.linearKeyScanMax {
                            for member in objects[top] where member.key == key {
                                throw duplicateKey(key, at: keyOffset)
                            }
                        } else {
                            if keySets[top] == nil {
                                keySets[top] = Set(objects[top].lazy.map(\.key))
                            }
                            if !keySets[top]!.insert(key).inserted { throw duplicateKey(key, at: keyOffset) }
                        }
                        pendingKeys.append(key)
                        continue nextValue
                    }
                    guard p[i] == UInt8(ascii: "}") else { throw failure(i, Message(.expectedOr2)) }
                    i += 1
                    kinds.removeLast()
                    keySets[top] = nil
                    value = .object(JSONObject(objects.removeLast()))
                }
            }
            skipWhitespace()
            guard i == end else { throw failure(i, Message(.trailingCharacters)) }
            return value
        }
    }

    /// Consumes a comma and the whitespace after it; a closer right behind it is a trailing comma,
    /// reported where the comma is because that is the byte to delete.
    private mutating func skipComma(closer: UInt8) throws {
        let comma = i
        i += 1
        skipWhitespace()
        if i < end && p[i] == closer { throw failure(comma, Message(.trailingComma)) }
    }

    /// Reads `"key"` and the colon after it.
    private mutating func parseKey() throws -> String {
        guard i < end else { throw failure(end, Message(.unexpectedEndOfInput)) }
        guard p[i] == UInt8(ascii: "\"") else { throw failure(i, Message(.expectedStringKey)) }
        let key = try parseString()
        skipWhitespace()
        guard i < end else { throw failure(end, Message(.unexpectedEndOfInput)) }
        guard p[i] == UInt8(ascii: ":") else { throw failure(i, Message(.expectedColon)) }
        i += 1
        return key
    }

    private func checkDepth(_ depth: Int) throws {
        if depth >= limits.depthMax { throw failure(i, Message(.nestingDeeperThan, limits.depthMax)) }
    }

    /// Called before each element is read, with the count already held, so the limit is never passed.
    private func checkMembers(_ held: Int) throws {
        if held >= limits.membersMax { throw failure(i, Message(.moreThanMembers, limits.membersMax)) }
    }

    private func duplicateKey(_ key: String, at offset: Int) -> JSONParseError {
        // Quoted through the writer so a key full of control characters cannot garble a log line;
        // cut short because the key may be 64 KiB long.
        var shown = ""
        JSONWriter.appendQuoted(key.count > 40 ? String(key.prefix(40)) + "…" : key, to: &shown)
        return failure(offset, Message(.duplicateKey, shown))
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < end {
            switch p[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    func failure(_ offset: Int, _ reason: Message) -> JSONParseError {
        JSONParseError(offset: offset, reason: reason)
    }

    func unexpectedByte(at offset: Int) -> JSONParseError {
        let byte = p[offset]
        if byte > 0x20 && byte < 0x7F {
            return failure(offset, Message(.unexpectedCharacter, Character(Unicode.Scalar(byte))))
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return failure(offset, Message(.unexpectedByteX, byte < 0x10 ? "0" : "", hex))
    }
}
