import BudgetModel

/// The payment totals of a checkpoint, kept as their lines of text until a command asks for
/// some: admitting one payment needs the totals of one project, and parsing all of a large
/// journal's tens of thousands of lines would cost more than the rest of the command.
struct CheckpointTotals: Sendable {
    let lines: [ArraySlice<UInt8>]

    init() { lines = [] }

    /// Nil unless every line has the shape of a total, and the last seqs they name rise strictly
    /// within 1...`headSeq`, so a damaged or forged checkpoint is refused whole rather than folded
    /// into events out of order. `lastSeqs` are those seqs, for the caller to check against the
    /// checkpoint's events.
    init?(lines: [ArraySlice<UInt8>], headSeq: Int64, lastSeqs: inout [Int64]) {
        lastSeqs.reserveCapacity(lines.count)
        var previous: Int64 = 0
        for line in lines {
            var tabs = 0
            var lastTab = line.startIndex
            for index in line.indices where line[index] == 0x09 { tabs += 1; lastTab = index }
            guard tabs == 6, let seq = Checkpoint.integer(line[(lastTab + 1)...]), seq > previous, seq <= headSeq else { return nil }
            lastSeqs.append(seq)
            previous = seq
        }
        self.lines = lines
    }

    /// `PROJECT SOURCE DATE` of a line, with the tabs between: what names a total.
    static func keyBytes(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var tabs = 0
        var end = line.startIndex + 2
        while end < line.endIndex {
            if line[end] == 0x09 { tabs += 1; if tabs == 3 { break } }
            end += 1
        }
        return line[(line.startIndex + 2)..<end]
    }

    /// `PROJECT` of a line.
    static func projectBytes(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let start = line.startIndex + 2
        return line[start..<(line[start...].firstIndex(of: 0x09) ?? line.endIndex)]
    }

    /// The totals of `projects` (all when nil), parsed, in the order of their lines: that of
    /// the last payment each sums.
    func parsed(of projects: Set<String>?) -> [PaymentTotal] {
        // Project names recur in every total: each is made into a String, and asked whether it
        // is wanted, once.
        var names = TextInterner<Bool> { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            return (text, projects?.contains(text) ?? true)
        }
        var totals: [PaymentTotal] = []
        totals.reserveCapacity(lines.count)
        for line in lines {
            // The project is the second field: it is looked up (and skipped when not wanted)
            // before anything else is parsed.
            let start = line.startIndex + 2
            guard let end = line[start...].firstIndex(of: 0x09) else { continue }
            guard let name = line[start..<end].withUnsafeBytes({ names.text($0) }), name.note else { continue }
            // Lines were checked for shape when read; one that still fails to parse is skipped
            // rather than trapping, and the checksum makes that all but impossible.
            guard let total = Checkpoint.paymentTotal(line, project: name.text) else { continue }
            totals.append(total)
        }
        return totals
    }
}
