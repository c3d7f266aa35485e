/// The events behind a figure, named by seq: the first `shownMax` of them in journal order, and
/// how many there are in all. A figure of a large journal rests on a million payments; a finding
/// names the first few and says how many more.
public struct SeqList: Equatable, Sendable {
    public static let shownMax = 20

    /// Ascending, at most `shownMax`.
    public private(set) var shown: [Int64] = []
    public private(set) var count = 0

    public init() {}

    public init<Seqs: Sequence>(_ seqs: Seqs) where Seqs.Element == Int64 {
        for seq in Set(seqs).sorted() { append(seq) }
    }

    /// Adds the next seq; seqs come in journal order, so the first ones are the ones kept.
    public mutating func append(_ seq: Int64) {
        count += 1
        if shown.count < Self.shownMax { shown.append(seq) }
    }

    /// How many are not shown.
    public var hidden: Int { count - shown.count }

    /// The seqs of both lists, each counted once where both name it. Each list keeps its first
    /// seqs, so the first of the union are among them.
    public static func + (a: SeqList, b: SeqList) -> SeqList {
        let both = Set(a.shown).intersection(b.shown).count
        var union = SeqList()
        union.shown = Array(Set(a.shown + b.shown).sorted().prefix(shownMax))
        union.count = a.count + b.count - both
        return union
    }
}
