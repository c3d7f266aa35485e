import BudgetModel

/// The payment totals of a checkpoint, kept as their lines of text until a command asks for
/// some: admitting one payment needs the totals of one project, and parsing all of a large
/// journal's tens of thousands of lines would cost more than the rest of the command.
struct CheckpointTotals: Sendable {
    private let lines: [ArraySlice<UInt8>]

    init() { lines = [] }

    /// Nil unless every line has the shape of a total, so a damaged checkpoint is refused whole.
    init?(lines: [ArraySlice<UInt8>]) {
        for line in lines {
            var tabs = 0
            for byte in line where byte == 0x09 { tabs += 1 }
            guard tabs == 6 else { return nil }
        }
        self.lines = lines
    }

    /// The totals of `projects` (all when nil), parsed.
    func parsed(of projects: Set<String>?) -> [PaymentTotal.Key: PaymentTotal] {
        let wanted = projects.map { Set($0.map { Array($0.utf8)[...] }) }
        var names = Checkpoint.NameTable()
        var totals: [PaymentTotal.Key: PaymentTotal] = [:]
        for line in lines {
            if let wanted {
                // The project is the second field: compare its bytes before parsing anything.
                let start = line.startIndex + 2
                guard let end = line[start...].firstIndex(of: 0x09), wanted.contains(line[start..<end]) else { continue }
            }
            // Lines were checked for shape when read; one that still fails to parse is skipped
            // rather than trapping, and the checksum makes that all but impossible.
            guard let total = Checkpoint.paymentTotal(line, &names) else { continue }
            totals[total.key] = total
        }
        return totals
    }
}
