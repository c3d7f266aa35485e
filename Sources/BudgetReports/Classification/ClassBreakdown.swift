import BudgetModel
import BudgetProjections

/// `report --by class|function`: the executed money of the report's projects by classification
/// code, each code with its catalogue name and the projects that spent under it. A pure function
/// of the report: its projects, replayed to its point.
public struct ClassBreakdown: Equatable, Sendable {
    public struct Share: Equatable, Sendable {
        public let project: String
        public let amount: Money
    }

    public struct Group: Equatable, Sendable {
        /// Nil for the payments that carry no code.
        public let code: String?
        public let name: String?
        public let amount: Money
        public let projects: [Share]
    }

    public let asOf: BusinessDate?
    public let seq: Int64
    public let dimension: ClassDimension
    /// By code, then the group without one; a code whose payments were all reversed is left out.
    public let groups: [Group]
    /// The projects' executed money: the sum of the groups.
    public let total: Money

    public init(report: LedgerReport, by dimension: ClassDimension) {
        var byCode: [String: [Share]] = [:]
        var unclassified: [Share] = []
        var total_fen: Int64 = 0
        for project in report.projects {
            let state = project.state
            let executed_fen = state.funds.total.executed.fen
            total_fen += executed_fen
            var classified_fen: Int64 = 0
            for (code, fen) in state.classified.sums(dimension) where fen != 0 {
                byCode[code, default: []].append(Share(project: state.id, amount: Money(fen: fen)))
                classified_fen += fen
            }
            if executed_fen != classified_fen {
                unclassified.append(Share(project: state.id, amount: Money(fen: executed_fen - classified_fen)))
            }
        }
        var groups = byCode.keys.sorted().map { code in
            let shares = byCode[code]!
            return Group(code: code, name: dimension.catalogue.name(of: code), amount: Money(fen: shares.reduce(0) { $0 + $1.amount.fen }), projects: shares)
        }
        if !unclassified.isEmpty {
            groups.append(Group(code: nil, name: nil, amount: Money(fen: unclassified.reduce(0) { $0 + $1.amount.fen }), projects: unclassified))
        }
        // Invariant: the groups partition the executed money, so their sum is the report's.
        assert(groups.reduce(0) { $0 + $1.amount.fen } == total_fen)
        self.asOf = report.asOf
        self.seq = report.seq
        self.dimension = dimension
        self.groups = groups
        self.total = Money(fen: total_fen)
    }
}
