/// Client keys by fingerprint: almost every fingerprint names one event, so the first seq is
/// kept inline and only a collision costs an array.
public struct KeyIndex: Equatable, Sendable {
    private var first: [UInt64: Int64] = [:]
    private var more: [UInt64: [Int64]] = [:]

    public init() {}

    mutating func insert(_ fingerprint: UInt64, seq: Int64) {
        if first[fingerprint] == nil { first[fingerprint] = seq } else { more[fingerprint, default: []].append(seq) }
    }

    func seqs(_ fingerprint: UInt64) -> [Int64] {
        guard let seq = first[fingerprint] else { return [] }
        return [seq] + (more[fingerprint] ?? [])
    }

    /// Every (fingerprint, seq), in a stable order for writing.
    var entries: [(fingerprint: UInt64, seq: Int64)] {
        first.keys.sorted().flatMap { fingerprint in seqs(fingerprint).map { (fingerprint, $0) } }
    }

    public var count: Int { first.count + more.values.reduce(0) { $0 + $1.count } }
}
