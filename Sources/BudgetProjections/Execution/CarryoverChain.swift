import BudgetModel

/// The projects linked by carry-overs across years (bzgl-2022 → bzgl-2023 → …), folded with
/// each one's figures: for `report --chain`, where each 元 of a line of projects went.
public struct CarryoverChainFold: EventFold {
    public private(set) var projection = LedgerProjection()
    /// Each carry-over standing: from, to, and how much, by the event that made it.
    public private(set) var links: [Int64: Link] = [:]

    public struct Link: Equatable, Sendable {
        public let seq: Int64
        public let from: String
        public let to: String
        public let source: FundSource
        public let amount: Money
    }

    public init() {}

    public mutating func apply(_ event: Event) {
        projection.apply(event)
        guard let (out, into) = event.body.movements.carryOver else { return }
        if out.fen > 0 {
            links[event.seq] = Link(seq: event.seq, from: out.project, to: into.project, source: out.source, amount: Money(fen: out.fen))
        } else if case .reversed(let reversal) = event.body {
            links[reversal.targetSeq] = nil
        }
    }

    /// The projects of `project`'s line, earliest year first: every project that carried into
    /// it or that it carried into, and theirs in turn.
    public func chain(of project: String) -> [ProjectState] {
        var found: Set<String> = [project]
        var frontier = [project]
        while let next = frontier.popLast() {
            for link in links.values where link.from == next || link.to == next {
                for other in [link.from, link.to] where found.insert(other).inserted { frontier.append(other) }
            }
        }
        return found.compactMap { projection.projects[$0] }
            .sorted { ($0.registration.year, $0.id) < ($1.registration.year, $1.id) }
    }

    /// The carry-overs out of `project`, in journal order.
    public func carriedOut(of project: String) -> [Link] {
        links.values.filter { $0.from == project }.sorted { $0.seq < $1.seq }
    }
}
