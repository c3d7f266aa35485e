import BudgetJSON
import BudgetModel

/// Writes events as journal lines, version 1:
///
///     {"v":1,"seq":7,"id":"@7","type":"disbursement.made","date":"2023-03-02",
///      "recorded":"2023-03-02T08:00:00Z","project":"p1","source":"current","amount":"534253.73",
///      "prev":"<64 hex>","hash":"<64 hex>"}
///
/// The envelope comes first, then the kind's own members in the order its field table gives
/// (see `EventPayload.fields`), so the same event always gives the same bytes. The first line of
/// an append of several events says how many lines the append writes (`"batch":N`, after
/// `recorded`), so that a reader can tell an append cut short at a line's end from one complete. `hash` is the
/// SHA-256 of everything before `,"hash":`, and `prev` is the hash of the line before, which
/// chains every line to all of its predecessors.
public enum EventEncoder {
    public static let formatVersion = 1

    /// The whole line, without its newline. `batch` is the number of lines of the append this
    /// line begins, when it begins one of several.
    public static func line(for event: Event, prev: SHA256Digest, batch: Int? = nil) -> (text: String, hash: SHA256Digest) {
        var bytes = unchainedBody(for: event, batch: batch)
        appendChain(prev: prev, to: &bytes)
        let hash = bytes.withUnsafeBytes { SHA256.hash($0) }
        bytes.append(contentsOf: ",\"hash\":\"".utf8)
        BatchEncoder.appendHex(hash, to: &bytes)
        bytes.append(contentsOf: "\"}".utf8)
        return (String(decoding: bytes, as: UTF8.self), hash)
    }

    /// The line up to and including `,"prev":"`: everything that does not depend on the line
    /// before, so that many lines can be encoded at once (see `BatchEncoder`).
    static func unchainedBody(for event: Event, batch: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        out.append(contentsOf: "{\"v\":\(formatVersion),\"seq\":\(event.seq),\"id\":".utf8)
        JSONWriter.appendQuoted(event.id, to: &out)
        out.append(contentsOf: ",\"type\":\"\(event.body.kind.name)\",\"date\":\"".utf8)
        PaymentLineWriter.date(event.date, &out)
        out.append(contentsOf: "\",\"recorded\":".utf8)
        JSONWriter.appendQuoted(event.recorded, to: &out)
        if let batch { out.append(contentsOf: ",\"batch\":\(batch)".utf8) }
        appendMembers(of: event.body, to: &out)
        out.append(contentsOf: ",\"prev\":\"".utf8)
        return out
    }

    /// `<prev hex>"`: what follows the unchained body, up to the hash.
    static func appendChain(prev: SHA256Digest, to out: inout [UInt8]) {
        BatchEncoder.appendHex(prev, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The body's own members, each preceded by a comma.
    public static func appendMembers(of body: EventBody, to out: inout [UInt8]) {
        for member in body.fieldMembers {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendQuoted(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.appendCompact(member.value, to: &out)
        }
    }
}
