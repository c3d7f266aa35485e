import BudgetText
import BudgetJSON
import BudgetModel

/// Why a journal line is not a valid event, without the line number: the reader adds that.
public typealias LineProblem = FieldProblem

/// Reads one journal line back into an event, checking every member as strictly as the
/// encoder writes it: the pair of the checks made before an event is written. The envelope is
/// read here; the kind's own members by its field table (see `EventPayload.fields`).
public enum EventDecoder {
    public struct Decoded {
        public let event: Event
        public let prev: SHA256Digest
        public let hash: SHA256Digest
        /// On the first line of an append of several events: how many lines the append wrote.
        public var batch: Int? = nil
    }

    /// `,"hash":"` + 64 hex digits + `"}`: the fixed tail of every line.
    static let hashSuffixBytes = 75

    /// The members of every line besides the kind's own.
    static let envelopeKeys: Set<String> = ["v", "seq", "id", "type", "date", "recorded", "batch", "prev", "hash"]

    /// Decodes `line` (without its newline), checking its own hash but not its link to the
    /// line before: that is the reader's job, since only it knows the previous line. A copy that
    /// carries its own checksum (the checkpoint) may skip the hash.
    public static func decode(_ line: UnsafeRawBufferPointer, verifyingHash: Bool = true, computedHash: SHA256Digest? = nil) throws(LineProblem) -> Decoded {
        let written = verifyingHash ? try verifiedHash(of: line, computed: computedHash) : try writtenHash(of: line)

        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw LineProblem(Message(.notValidJSON, error)) }
        guard case .object(let object) = value else { throw LineProblem(Message(.notJSONObject)) }
        let version = try Int64(fieldJSON: object["v"] ?? .null, key: "v")
        guard version == Int64(EventEncoder.formatVersion) else { throw LineProblem(Message(.unknownFormatVersion, version)) }
        let seq = try member(object, "seq", as: Int64.self, FieldCheck.range(1...Int64(Limits.eventsMax)))
        let id = try member(object, "id", as: String.self)
        guard Identifier.problem(with: id) == nil || id == "@\(seq)" else { throw LineProblem(Message(.idIsNotValidId)) }
        let typeName = try member(object, "type", as: String.self)
        guard let kind = EventBody.kind(named: typeName) else { throw LineProblem(Message(.unknownEventType, typeName)) }
        let date = try member(object, "date", as: BusinessDate.self)
        let recorded = try member(object, "recorded", as: String.self)
        var batch: Int?
        if object["batch"] != nil { batch = Int(try member(object, "batch", as: Int64.self, .range(2...Int64(Limits.eventsMax)))) }
        let body = try EventBody.decode(kind, from: object)
        let prevText = try member(object, "prev", as: String.self)
        // Only the lowercase spelling is accepted, so that a line has exactly one valid form.
        guard prevText.utf8.allSatisfy(isLowercaseHex), let prev = SHA256Digest(hex: prevText) else {
            throw LineProblem(Message(.prevIsNotLowercaseSHA))
        }
        _ = try member(object, "hash", as: String.self)
        // The kind's members found once for the line, not asked of the kind for each member.
        let declared = EventBody.memberKeys(ofKindNamed: typeName) ?? []
        for entry in object.members where !envelopeKeys.contains(entry.key) && !declared.contains(entry.key) {
            throw LineProblem(Message(.unexpectedMember, entry.key))
        }
        return Decoded(event: Event(seq: seq, id: id, date: date, recorded: recorded, body: body), prev: prev, hash: written, batch: batch)
    }

    private static func member<Value: FieldValue>(_ object: JSONObject, _ key: String, as type: Value.Type,
                                                  _ check: FieldCheck<Value>? = nil) throws(LineProblem) -> Value {
        guard let json = object[key] else { throw LineProblem(Message(.missingField, Value.fieldKindName, key)) }
        let value = try Value(fieldJSON: json, key: key)
        if let problem = check?.problem(value) { throw LineProblem(Message(.quotedFieldThen, key, problem)) }
        return value
    }

    static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
