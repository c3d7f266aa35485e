import BudgetModel

/// Which events moved which figures of each project, so that a finding can name them. A fold
/// of its own beside the projection: the projection keeps sums, this keeps seqs.
struct EventTrail {
    struct SourceTrail {
        /// Approvals and carry-ins: 年初预算数.
        var initial = SeqList()
        /// Adjustments and refunds: with `initial`, 全年预算数.
        var changes = SeqList()
        /// Payments: 全年执行数.
        var executed = SeqList()
    }

    private(set) var sources: [String: [FundSource: SourceTrail]] = [:]
    /// Carry-overs that arrive at a project (上年结转资金), and their reversals.
    private(set) var carryIns: [String: SeqList] = [:]
    /// The net amount carried in to each project, in fen.
    private(set) var carriedInFen: [String: Int64] = [:]

    /// Each carry-over a project sent, with the source it took and the project it went to; a
    /// reversed one is taken back out.
    private(set) var carryOuts: [String: [CarryOut]] = [:]

    struct CarryOut: Equatable {
        let seq: Int64
        let source: FundSource
        let receiver: String
        let fen: Int64
    }

    mutating func record(_ event: Event) {
        for movement in event.body.movements { record(movement, seq: event.seq) }
        guard let (out, into) = event.body.movements.carryOver else { return }
        if out.fen > 0 {
            carryOuts[out.project, default: []].append(CarryOut(seq: event.seq, source: out.source, receiver: into.project, fen: out.fen))
        } else if case .reversed(let reversal) = event.body {
            carryOuts[out.project]?.removeAll { $0.seq == reversal.targetSeq }
        }
    }

    /// A movement's event stands behind the cells its figure feeds; a carry-over is seen from
    /// the project it arrives at, where it is money to account for.
    private mutating func record(_ movement: Movement, seq: Int64) {
        switch movement.figure {
        case .approved: sources[movement.project, default: [:]][movement.source, default: SourceTrail()].initial.append(seq)
        case .carriedIn:
            sources[movement.project, default: [:]][movement.source, default: SourceTrail()].initial.append(seq)
            carryIns[movement.project, default: SeqList()].append(seq)
            carriedInFen[movement.project, default: 0] += movement.fen
        case .adjusted, .refunded: sources[movement.project, default: [:]][movement.source, default: SourceTrail()].changes.append(seq)
        case .executed: sources[movement.project, default: [:]][movement.source, default: SourceTrail()].executed.append(seq)
        case .carriedOut: break
        }
    }

    /// The events behind one cell of a fund row: the total row takes every source.
    func seqs(_ project: String, _ row: FormFundRow, _ column: FundColumn) -> SeqList {
        let rows = row.source.map { [$0] } ?? FundSource.allCases
        return rows.map { source -> SeqList in
            let trail = sources[project]?[source] ?? SourceTrail()
            switch column {
            case .initial: return trail.initial
            case .fullYear: return trail.initial + trail.changes
            case .executed: return trail.executed
            case .rate: return trail.initial + trail.changes + trail.executed
            }
        }.reduce(SeqList(), +)
    }

    func carryInSeqs(_ project: String) -> SeqList { carryIns[project] ?? SeqList() }
}

/// The cells of a fund row.
public enum FundColumn: String, CaseIterable, Hashable, Sendable {
    case initial, fullYear, executed, rate

    public var label: String {
        switch self {
        case .initial: return "年初预算数"
        case .fullYear: return "全年预算数"
        case .executed: return "全年执行数"
        case .rate: return "执行率"
        }
    }
}
